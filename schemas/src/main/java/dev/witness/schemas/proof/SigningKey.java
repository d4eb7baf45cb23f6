package dev.witness.schemas.proof;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * An Ed25519 key pair held in memory, signing checkpoints. {@link #toString()} names only the
 * key id: the private key must never reach a log.
 *
 * @param keyId id of the public key ({@link SigningKeys#keyId})
 * @param privateKey signs
 * @param publicKey verifies; auditors get it
 */
public record SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) implements CheckpointSigner {

  public SigningKey {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    if (!SigningKeys.keyId(publicKey).equals(keyId)) {
      throw new IllegalArgumentException("keyId " + keyId + " is not the id of the public key ("
          + SigningKeys.keyId(publicKey) + ")");
    }
  }

  /** The pair of {@code privateKey} and {@code publicKey}, with the public key's id. */
  public static SigningKey of(PrivateKey privateKey, PublicKey publicKey) {
    return new SigningKey(SigningKeys.keyId(publicKey), privateKey, publicKey);
  }

  @Override
  public byte[] sign(byte[] message) {
    try {
      Signature signature = Signature.getInstance(SigningKeys.ALGORITHM);
      signature.initSign(privateKey);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign with Ed25519 key " + keyId, e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey[keyId=" + keyId + "]";
  }
}
