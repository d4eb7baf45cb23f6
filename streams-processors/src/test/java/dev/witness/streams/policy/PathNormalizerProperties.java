package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PathNormalizerProperties {

  @Property
  void isIdempotent(@ForAll("rawPaths") String raw) {
    String once = PathNormalizer.normalize(raw);

    assertThat(PathNormalizer.normalize(once)).isEqualTo(once);
  }

  @Property
  void leavesNoEmptyOrDotSegments(@ForAll("rawPaths") String raw) {
    String normalized = PathNormalizer.normalize(raw);

    assertThat(normalized).startsWith("/").doesNotContain("//").doesNotContain("/./").doesNotContain("/../")
        .doesNotEndWith("/.").doesNotEndWith("/..");
  }

  @Provide
  Arbitrary<String> rawPaths() {
    return Arbitraries.oneOf(
            Arbitraries.of("/", "//", ".", "..", "a", "b", "%2e", "%2E", "%61", "%2f", "%", "?", "#"))
        .list().ofMaxSize(12).map(parts -> String.join("", parts));
  }
}
