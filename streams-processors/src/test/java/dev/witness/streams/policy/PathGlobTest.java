package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGlobTest {

  @ParameterizedTest(name = "{0} ~ {1} = {2}")
  @CsvSource({
      "/customers,        /customers,        true",
      "/customers,        /customers/,       false",
      "/customers,        /customer,         false",
      "/customers/*,      /customers/42,     true",
      "/customers/*,      /customers/,       true",
      "/customers/*,      /customers/42/x,   false",
      "/customers/*,      /customers,        false",
      "/*/orders,         /c1/orders,        true",
      "/*/orders,         /c1/c2/orders,     false",
      "/c*s,              /customers,        true",
      "/c*s,              /c/s,              false",
      "/api/**,           /api,              true",
      "/api/**,           /api/,             true",
      "/api/**,           /api/v1/users/7,   true",
      "/api/**,           /apiary,           false",
      "/a/**/b,           /a/b,              true",
      "/a/**/b,           /a/x/b,            true",
      "/a/**/b,           /a/x/y/z/b,        true",
      "/a/**/b,           /a/xb,             false",
      "/a/**/b,           /a/x/b/c,          false",
      "**,                /anything/at/all,  true",
      "/**,               /,                 true",
      "/v**,              /v1/x/y,           true",
      "/v**,              /w1,               false",
      "/a.b,              /a.b,              true",
      "/a.b,              /axb,              false",
      "/(x)+[y]?,         /(x)+[y]?,         true",
  })
  void matchesLikeTheRuleAuthorExpects(String pattern, String path, boolean expected) {
    assertThat(PathGlob.compile(pattern).matches(path)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/*/x", "/**a**a**a**a**a**a**a**a**a**a**a**b"})
  void pathologicalPatternsStayFast(String pattern) {
    String path = "/" + "a".repeat(20_000);
    long start = System.nanoTime();

    assertThat(PathGlob.compile(pattern).matches(path)).isFalse();

    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }
}
