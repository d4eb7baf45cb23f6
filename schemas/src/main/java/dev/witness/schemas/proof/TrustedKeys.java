package dev.witness.schemas.proof;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Ed25519 public keys a verifier accepts, by key id. Rotation: a new key signs new
 * checkpoints under a new id, and verifiers keep the old public keys so older checkpoints still
 * verify.
 */
public final class TrustedKeys {

  private final Map<String, PublicKey> byId;

  private TrustedKeys(Map<String, PublicKey> byId) {
    this.byId = Map.copyOf(byId);
  }

  /** Trusts {@code keys}. */
  public static TrustedKeys of(Collection<PublicKey> keys) {
    Map<String, PublicKey> byId = new LinkedHashMap<>();
    for (PublicKey key : keys) {
      byId.put(SigningKeys.keyId(key), key);
    }
    return new TrustedKeys(byId);
  }

  /** Trusts {@code keys}. */
  public static TrustedKeys of(PublicKey... keys) {
    return of(List.of(keys));
  }

  /**
   * Trusts the public keys in these PEM files.
   *
   * @throws IOException if a file cannot be read
   * @throws IllegalArgumentException if a file holds no Ed25519 public key
   */
  public static TrustedKeys fromFiles(Collection<Path> publicKeyFiles) throws IOException {
    List<PublicKey> keys = new ArrayList<>();
    for (Path file : publicKeyFiles) {
      keys.add(SigningKeys.readPublicKey(file));
    }
    return of(keys);
  }

  /** The key with id {@code keyId}, if trusted. */
  public Optional<PublicKey> find(String keyId) {
    return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
  }

  /** The ids of the trusted keys. */
  public Set<String> keyIds() {
    return byId.keySet();
  }

  /** Whether the trusted key {@code keyId} made {@code signature} over {@code message}; false for an unknown key. */
  public boolean verify(String keyId, byte[] message, byte[] signature) {
    Optional<PublicKey> key = find(keyId);
    if (key.isEmpty()) {
      return false;
    }
    try {
      Signature verifier = Signature.getInstance(SigningKeys.ALGORITHM);
      verifier.initVerify(key.get());
      verifier.update(message);
      return verifier.verify(signature);
    } catch (SignatureException malformed) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot verify with Ed25519 key " + keyId, e);
    }
  }
}
