package dev.witness.streams.masking.operate;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The operators of one token key, by name. Tokens and FPE use distinct keys derived from it
 * (HMAC-SHA256 of a label), so a token never reveals anything about the FPE key or the reverse.
 */
public final class Operators {

  private final Operator redact = new RedactOperator();
  private final Operator partial = new PartialOperator();
  private final Operator nulled = new NullOperator();
  private final Operator hash = new HashOperator();
  private final Operator token;
  private final FpeOperator fpe;

  public Operators(String tokenKey) {
    this.token = new TokenOperator(derive(tokenKey, "witness-token-v1"));
    this.fpe = new FpeOperator(derive(tokenKey, "witness-ff1-v1"));
  }

  /** The operator called {@code name}; throws on an unknown name. */
  public Operator byName(String name) {
    return switch (name) {
      case "redact" -> redact;
      case "partial" -> partial;
      case "null" -> nulled;
      case "hash" -> hash;
      case "token" -> token;
      case "fpe" -> fpe;
      default -> throw new IllegalArgumentException("unknown operator " + name);
    };
  }

  /** The FPE operator, to reverse values for an authorized tool. */
  public FpeOperator fpe() {
    return fpe;
  }

  private static byte[] derive(String key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
