package dev.witness.streams.masking.operate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Unkeyed SHA-256 of the value, first 16 hex digits. Anyone can recompute it from a guess, so
 * prefer {@code token} for low-entropy values (phone numbers, SSNs); hash suits matching with
 * systems that hash the same way.
 */
public final class HashOperator implements Operator {

  private static final int HEX_DIGITS = 16;

  @Override
  public String name() {
    return "hash";
  }

  @Override
  public String apply(String value, String type) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
