package dev.witness.streams.masking.operate;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.fpe.FPEEngine;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Format-preserving encryption (NIST SP 800-38G FF1, AES, radix 10) of the digits of a value;
 * other characters stay where they are, so {@code 4111-1111-1111-1111} becomes another
 * 16-digit dashed number and a text column stays valid. The type is the tweak, so equal digits of
 * different types encrypt differently. Reversible with the key ({@link #decrypt}). Values with
 * fewer than 6 digits are below FF1's minimum domain and are redacted instead.
 */
public final class FpeOperator implements Operator {

  private static final int RADIX = 10;
  private static final int MIN_DIGITS = 6;

  private final byte[] key;
  private final Operator fallback = new RedactOperator();

  /** @param key an AES key: 16, 24 or 32 bytes */
  public FpeOperator(byte[] key) {
    if (key.length != 16 && key.length != 24 && key.length != 32) {
      throw new IllegalArgumentException("FF1 needs an AES key of 16, 24 or 32 bytes");
    }
    this.key = key.clone();
  }

  @Override
  public String name() {
    return "fpe";
  }

  @Override
  public String apply(String value, String type) {
    String out = transform(value, type, true);
    return out != null ? out : fallback.apply(value, type);
  }

  /** The original of a value this operator encrypted as {@code type}; null if it had too few digits. */
  public String decrypt(String value, String type) {
    return transform(value, type, false);
  }

  private String transform(String value, String type, boolean encrypt) {
    byte[] digits = new byte[value.length()];
    int n = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits[n++] = (byte) (c - '0');
      }
    }
    if (n < MIN_DIGITS) {
      return null;
    }
    // An engine keeps per-call state: one per call is cheaper than synchronizing.
    FPEEngine engine = new FPEFF1Engine();
    engine.init(encrypt, new FPEParameters(new KeyParameter(key), RADIX, type.getBytes(StandardCharsets.UTF_8)));
    byte[] result = new byte[n];
    engine.processBlock(digits, 0, n, result, 0);
    StringBuilder sb = new StringBuilder(value.length());
    int k = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      sb.append(c >= '0' && c <= '9' ? (char) ('0' + result[k++]) : c);
    }
    return sb.toString();
  }
}
