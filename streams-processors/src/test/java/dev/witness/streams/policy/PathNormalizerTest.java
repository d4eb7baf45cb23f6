package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathNormalizerTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "/customers/42,            /customers/42",
      "/customers/,              /customers/",
      "'',                       /",
      "customers,                /customers",
      "//admin,                  /admin",
      "/a//b///c,                /a/b/c",
      "/public/../admin,         /admin",
      "/a/./b/.,                 /a/b/",
      "/a/b/..,                  /a/",
      "/../../admin,             /admin",
      "/%61dmin,                 /admin",
      "/%2e%2e/admin,            /admin",
      "/a%2fb,                   /a%2Fb",
      "/a%2Fb,                   /a%2Fb",
      "/a%zz,                    /a%25zz",
      "/a%4,                     /a%254",
      "/%2%65,                   /%252e",
      "/search?q=/admin,         /search",
      "/page#/admin,             /page",
  })
  void normalizesLikeATargetServer(String raw, String expected) {
    assertThat(PathNormalizer.normalize(raw)).isEqualTo(expected);
  }

  @Test
  void nullBecomesRoot() {
    assertThat(PathNormalizer.normalize(null)).isEqualTo("/");
  }
}
