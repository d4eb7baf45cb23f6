package dev.witness.connectors.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries the way Slack signs its requests, so receivers can reuse that code:
 * {@code X-Witness-Signature: v1=hex(HMAC-SHA256(secret, "v1:" + timestamp + ":" + body))}, with
 * {@code timestamp} the {@code X-Witness-Timestamp} header (Unix seconds).
 */
public final class WebhookSignature {

  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  public String sign(long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(("v1:" + timestampSeconds + ":" + body).getBytes(StandardCharsets.UTF_8));
      return "v1=" + HexFormat.of().formatHex(digest);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
