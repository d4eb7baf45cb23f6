package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderRedactorTest {

  @Test
  void secretsAreRedactedAndNamesLowerCased() {
    Map<String, String> recorded = HeaderRedactor.standard().record(List.of(
        Map.entry("Authorization", "Bearer abc"),
        Map.entry("Proxy-Authorization", "Basic xyz"),
        Map.entry("Cookie", "sid=1"),
        Map.entry("Set-Cookie", "sid=2"),
        Map.entry("X-Api-Key", "k"),
        Map.entry("Accept", "application/json")));

    assertThat(recorded).containsExactly(
        Map.entry("authorization", "[REDACTED]"),
        Map.entry("proxy-authorization", "[REDACTED]"),
        Map.entry("cookie", "[REDACTED]"),
        Map.entry("set-cookie", "[REDACTED]"),
        Map.entry("x-api-key", "[REDACTED]"),
        Map.entry("accept", "application/json"));
  }

  @Test
  void repeatedHeadersAreJoinedButSecretsStayRedacted() {
    Map<String, String> recorded = HeaderRedactor.standard().record(List.of(
        Map.entry("Accept", "a"), Map.entry("accept", "b"),
        Map.entry("Set-Cookie", "one"), Map.entry("Set-Cookie", "two")));

    assertThat(recorded).containsEntry("accept", "a, b").containsEntry("set-cookie", "[REDACTED]");
  }

  @Test
  void routeCredentialHeaderIsAlsoRedacted() {
    HeaderRedactor redactor = HeaderRedactor.standard().also("X-Upstream-Token");

    assertThat(redactor.record(List.of(Map.entry("x-upstream-token", "t"))))
        .containsEntry("x-upstream-token", "[REDACTED]");
    assertThat(HeaderRedactor.standard().isSecret("x-upstream-token")).isFalse();
  }
}
