package dev.witness.connectors.slack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;

/**
 * Slack's request signature: {@code v0=HMAC-SHA256(signingSecret, "v0:" + timestamp + ":" + body)}
 * over the raw body, with a timestamp at most five minutes from now (against replays). Compared in
 * constant time.
 */
final class SignatureCheck {

  /** Slack's own window: requests older than five minutes are replays. */
  static final long MAX_SKEW_MILLIS = 5 * 60 * 1000;

  private final SlackSignature.Generator generator;
  private final Clock clock;

  SignatureCheck(String signingSecret, Clock clock) {
    this.generator = new SlackSignature.Generator(signingSecret);
    this.clock = clock;
  }

  boolean isValid(String timestamp, String body, String signature) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      return false;
    }
    // Both directions: a timestamp from the future is as suspicious as an old one.
    if (Math.abs(clock.millis() - Long.parseLong(timestamp) * 1000) >= MAX_SKEW_MILLIS) {
      return false;
    }
    String expected = generator.generate(timestamp, body);
    return expected != null && MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), signature.getBytes(StandardCharsets.UTF_8));
  }
}
