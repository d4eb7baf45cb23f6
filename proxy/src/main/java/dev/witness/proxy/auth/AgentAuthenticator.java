package dev.witness.proxy.auth;

import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks gateway-issued bearer tokens: the presented token is hashed with SHA-256 and compared in
 * constant time with each configured agent's {@code tokenSha256}; the token itself is never kept.
 */
public final class AgentAuthenticator {

  /** Recorded as the authentication method of HTTP-style credentials. */
  public static final String BEARER_TOKEN = "bearer-token";
  public static final String MISSING_TOKEN = "missing token";
  public static final String UNKNOWN_TOKEN = "unknown token";

  private static final String BEARER = "bearer ";

  private record Known(byte[] sha256, AuthenticatedAgent agent, ScramVerifier scram) {}

  private final List<Known> agents;

  public AgentAuthenticator(List<AgentConfig> agents) {
    List<Known> known = new ArrayList<>();
    for (int i = 0; i < agents.size(); i++) {
      AgentConfig a = agents.get(i);
      byte[] hash;
      try {
        hash = HexFormat.of().parseHex(a.tokenSha256() == null ? "" : a.tokenSha256());
      } catch (IllegalArgumentException e) {
        hash = new byte[0];
      }
      if (hash.length != 32 || a.id() == null || a.id().isBlank()) {
        throw new ConfigException("agents[" + i + "]: needs an id and a tokenSha256 of 64 hex characters; "
            + "compute it with: printf %s \"$TOKEN\" | sha256sum");
      }
      ScramVerifier scram = null;
      if (a.scramSha256() != null) {
        try {
          scram = ScramVerifier.parse(a.scramSha256());
        } catch (IllegalArgumentException e) {
          throw new ConfigException("agents[" + i + "].scramSha256: not a SCRAM-SHA-256 verifier; write "
              + "SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> or leave it out");
        }
      }
      known.add(new Known(hash, new AuthenticatedAgent(a.id(), a.delegatingHuman()), scram));
    }
    this.agents = List.copyOf(known);
  }

  /** Authenticates the value of an {@code Authorization} header (null when absent). */
  public AuthResult authenticateAuthorization(String authorization) {
    if (authorization == null
        || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return new AuthResult.Rejected(MISSING_TOKEN);
    }
    String token = authorization.substring(BEARER.length()).strip();
    return token.isEmpty() ? new AuthResult.Rejected(MISSING_TOKEN) : authenticateToken(token);
  }

  /** Authenticates a bare token. */
  public AuthResult authenticateToken(String token) {
    byte[] presented = sha256(token);
    AuthenticatedAgent match = null;
    // Compare with every agent, without stopping early, so timing does not tell which one matched.
    for (Known k : agents) {
      if (MessageDigest.isEqual(presented, k.sha256()) && match == null) {
        match = k.agent();
      }
    }
    return match == null ? new AuthResult.Rejected(UNKNOWN_TOKEN) : new AuthResult.Authenticated(match);
  }

  /** The agent {@code id} and its SCRAM verifier, if one is configured for it. */
  public java.util.Optional<ScramAgent> scramAgent(String id) {
    for (Known k : agents) {
      if (k.agent().id().equals(id) && k.scram() != null) {
        return java.util.Optional.of(new ScramAgent(k.agent(), k.scram()));
      }
    }
    return java.util.Optional.empty();
  }

  /** An agent that authenticates by SCRAM. */
  public record ScramAgent(AuthenticatedAgent agent, ScramVerifier verifier) {}

  /** Lower-case hex SHA-256 of a token, the form {@code agents[].tokenSha256} is written in. */
  public static String sha256Hex(String token) {
    return HexFormat.of().formatHex(sha256(token));
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
