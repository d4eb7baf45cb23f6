package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

  @Test
  void splitsPathAndQuery() {
    assertThat(RequestTarget.parse("/demo/items?limit=5&x=%20y")).isEqualTo(new RequestTarget("/demo/items", "limit=5&x=%20y"));
    assertThat(RequestTarget.parse("/demo")).isEqualTo(new RequestTarget("/demo", null));
    assertThat(RequestTarget.parse("/demo?")).isEqualTo(new RequestTarget("/demo", null));
  }

  @Test
  void acceptsAbsoluteForm() {
    assertThat(RequestTarget.parse("http://witness:8080/demo/a?b=c")).isEqualTo(new RequestTarget("/demo/a", "b=c"));
    assertThat(RequestTarget.parse("http://witness:8080")).isEqualTo(new RequestTarget("/", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/demo/../admin", "/demo/./x", "/demo/%2e%2E/admin", "/demo/..", "/demo%2F..%2Fadmin", "/a\\b", "*"})
  void refusesTargetsThatCouldEscapeTheirRoute(String uri) {
    assertThatThrownBy(() -> RequestTarget.parse(uri))
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(400));
  }
}
