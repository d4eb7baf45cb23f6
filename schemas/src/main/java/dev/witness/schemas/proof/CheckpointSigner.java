package dev.witness.schemas.proof;

/**
 * Signs checkpoints with an Ed25519 key it may never reveal: a key file ({@link SigningKey}) or a
 * KMS-like service. Verifiers find the public key by {@link #keyId()}.
 */
public interface CheckpointSigner {

  /** The id of the public key that verifies this signer's signatures ({@link SigningKeys#keyId}). */
  String keyId();

  /** The Ed25519 signature of {@code message}. */
  byte[] sign(byte[] message);
}
