package dev.witness.streams.digest;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 over byte arrays, without the checked exception every JDK makes impossible. */
public final class Sha256 {

  /** Length of a digest in bytes. */
  public static final int SIZE = 32;

  private Sha256() {}

  /** The digest of the concatenation of {@code parts}. */
  public static byte[] digest(byte[]... parts) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
    for (byte[] part : parts) {
      digest.update(part);
    }
    return digest.digest();
  }
}
