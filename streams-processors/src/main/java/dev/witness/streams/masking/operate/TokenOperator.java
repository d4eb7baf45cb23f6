package dev.witness.streams.masking.operate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Deterministic tokens: {@code tok_<type>_} and the first 16 hex digits of HMAC-SHA256(key, type
 * ":" value). The same value gets the same token in every session, so an agent can still join and
 * group by a masked column, but cannot compute the token of a guess without the key.
 */
public final class TokenOperator implements Operator {

  private static final int HEX_DIGITS = 16;

  private final ThreadLocal<Mac> mac;

  public TokenOperator(byte[] key) {
    SecretKeySpec spec = new SecretKeySpec(key.clone(), "HmacSHA256");
    // Mac is not thread-safe and creating one per value costs more than the HMAC itself.
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(spec);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
  }

  @Override
  public String name() {
    return "token";
  }

  @Override
  public String apply(String value, String type) {
    Mac m = mac.get();
    m.update(type.getBytes(StandardCharsets.UTF_8));
    m.update((byte) ':');
    byte[] digest = m.doFinal(value.getBytes(StandardCharsets.UTF_8));
    return "tok_" + type + "_" + HexFormat.of().formatHex(digest, 0, HEX_DIGITS / 2);
  }
}
