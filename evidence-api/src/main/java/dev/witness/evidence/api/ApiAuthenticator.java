package dev.witness.evidence.api;

import dev.witness.schemas.config.ApiUserConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Resolves bearer tokens to API users by SHA-256, compared in constant time against every
 * configured user so timing reveals neither the hash nor which user matched. Holds only hashes.
 */
public final class ApiAuthenticator {

  private static final int SHA256_BYTES = 32;

  private final List<User> users;

  /** Validates the configured hashes; throws naming the user whose hash is malformed. */
  public ApiAuthenticator(List<ApiUserConfig> configured) {
    this.users = configured.stream().map(ApiAuthenticator::user).toList();
    var ids = new HashSet<String>();
    for (User u : users) {
      if (!ids.add(u.principal().id())) {
        throw new IllegalArgumentException("Duplicate API user id '" + u.principal().id() + "'");
      }
    }
  }

  /** The user owning {@code token}, if any. */
  public Optional<ApiPrincipal> authenticate(String token) {
    byte[] digest = sha256(token);
    ApiPrincipal match = null;
    for (User u : users) {
      // no early exit: every hash is compared whatever matched before
      if (MessageDigest.isEqual(digest, u.tokenHash()) && match == null) {
        match = u.principal();
      }
    }
    return Optional.ofNullable(match);
  }

  private static User user(ApiUserConfig c) {
    if (c.id() == null || c.id().isBlank()) {
      throw new IllegalArgumentException("An API user has no id; set users[].id");
    }
    byte[] hash;
    try {
      hash = HexFormat.of().parseHex(c.tokenSha256() == null ? "" : c.tokenSha256().trim());
    } catch (IllegalArgumentException e) {
      hash = new byte[0];
    }
    if (hash.length != SHA256_BYTES) {
      throw new IllegalArgumentException("API user '" + c.id()
          + "' has no valid tokenSha256; set it to the 64 hex digits of SHA-256(token)");
    }
    return new User(new ApiPrincipal(c.id(), new HashSet<>(c.roles())), hash);
  }

  /** SHA-256 of the token's UTF-8 bytes. */
  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private record User(ApiPrincipal principal, byte[] tokenHash) {}
}
