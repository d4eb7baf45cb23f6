package dev.witness.streams.masking.operate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OperatorsTest {

  private final Operators ops = new Operators("test-key-0123456789abcdef");

  @Test
  void redactNamesTheType() {
    assertThat(ops.byName("redact").apply("a@b.io", "email")).isEqualTo("[EMAIL]");
  }

  @Test
  void partialKeepsTheLastFourAndTheSeparators() {
    assertThat(ops.byName("partial").apply("4111 1111 1111 1234", "card")).isEqualTo("**** **** **** 1234");
    assertThat(ops.byName("partial").apply("1234", "card")).isEqualTo("****");
  }

  @Test
  void nullRemovesTheValue() {
    assertThat(ops.byName("null").apply("x", "email")).isNull();
  }

  @Test
  void tokensAreStablePerKeyAndTypePrefixed() {
    String token = ops.byName("token").apply("jane@example.com", "email");
    assertThat(token).matches("tok_email_[0-9a-f]{16}");
    assertThat(new Operators("test-key-0123456789abcdef").byName("token").apply("jane@example.com", "email"))
        .isEqualTo(token);
    assertThat(new Operators("other-key-0123456789abcdef").byName("token").apply("jane@example.com", "email"))
        .isNotEqualTo(token);
    assertThat(ops.byName("token").apply("john@example.com", "email")).isNotEqualTo(token);
  }

  @Test
  void hashIsTruncatedSha256() {
    // sha256("abc") = ba7816bf8f01cfea...
    assertThat(ops.byName("hash").apply("abc", "x")).isEqualTo("ba7816bf8f01cfea");
  }

  @Test
  void fpeKeepsTheFormatAndReversesWithTheKey() {
    String card = "4111-1111-1111-1111";
    String encrypted = ops.byName("fpe").apply(card, "card");
    assertThat(encrypted).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}").isNotEqualTo(card);
    assertThat(ops.fpe().decrypt(encrypted, "card")).isEqualTo(card);
    assertThat(new Operators("test-key-0123456789abcdef").byName("fpe").apply(card, "card")).isEqualTo(encrypted);
    assertThat(ops.byName("fpe").apply("12", "card")).isEqualTo("[CARD]");
  }
}
