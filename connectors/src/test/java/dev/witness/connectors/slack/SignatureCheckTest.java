package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignatureCheckTest {

  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  private static final String BODY = "payload=%7B%22type%22%3A%22block_actions%22%7D";

  private final SignatureCheck check = new SignatureCheck(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

  private static String ts(Instant at) {
    return Long.toString(at.getEpochSecond());
  }

  @Test
  void slacksSignatureOverTheRawBodyIsAccepted() throws Exception {
    String ts = ts(NOW.minusSeconds(10));

    assertThat(check.isValid(ts, BODY, SlackInteractivity.signature(SECRET, ts, BODY))).isTrue();
  }

  @Test
  void anotherSecretBodyOrTimestampIsRefused() throws Exception {
    String ts = ts(NOW);
    String good = SlackInteractivity.signature(SECRET, ts, BODY);

    assertThat(check.isValid(ts, BODY, SlackInteractivity.signature("other-secret", ts, BODY))).isFalse();
    assertThat(check.isValid(ts, BODY + "x", good)).isFalse();
    assertThat(check.isValid(ts(NOW.plusSeconds(1)), BODY, good)).isFalse();
    assertThat(check.isValid(ts, BODY, good.toUpperCase())).isFalse();
  }

  @Test
  void staleFutureMissingOrMalformedTimestampsAreRefused() throws Exception {
    for (Instant at : new Instant[] {NOW.minusSeconds(301), NOW.plusSeconds(301)}) {
      String ts = ts(at);
      assertThat(check.isValid(ts, BODY, SlackInteractivity.signature(SECRET, ts, BODY))).isFalse();
    }
    assertThat(check.isValid(null, BODY, "v0=00")).isFalse();
    assertThat(check.isValid(ts(NOW), BODY, null)).isFalse();
    assertThat(check.isValid("12ab", BODY, "v0=00")).isFalse();
  }
}
