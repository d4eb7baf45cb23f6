package dev.witness.schemas.proof;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 for the ledger's hashes and proofs, one reused digest per thread: verifying a million
 * entries computes some three million digests, and looking the algorithm up for each costs more
 * than hashing a Merkle node.
 */
public final class Sha256 {

  /** Length of a digest in bytes. */
  public static final int SIZE = 32;

  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Sha256::newDigest);

  private Sha256() {}

  /** The digest of the concatenation of {@code parts}. */
  public static byte[] digest(byte[]... parts) {
    MessageDigest digest = DIGEST.get();
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** The digest of {@code prefix} followed by the concatenation of {@code parts}. */
  static byte[] digest(byte prefix, byte[]... parts) {
    MessageDigest digest = DIGEST.get();
    digest.update(prefix);
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }

  /** A fresh SHA-256 digest. */
  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
