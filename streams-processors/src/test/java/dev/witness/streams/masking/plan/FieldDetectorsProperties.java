package dev.witness.streams.masking.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.streams.masking.detect.Detector;
import dev.witness.streams.masking.detect.Detectors;
import dev.witness.streams.masking.detect.PatternDetector;
import dev.witness.streams.masking.detect.Span;
import dev.witness.streams.masking.detect.TextFacts;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The compiled gate table lets through exactly the detectors whose own gates admit a text, in the same order. */
class FieldDetectorsProperties {

  private static final List<Detector> BUILT_IN =
      MaskingConfig.DETECTORS.stream().map(n -> Detectors.builtIn(n, "US")).toList();

  @Property(tries = 5000)
  void theTableAdmitsWhatEachDetectorAdmits(@ForAll("texts") String text) {
    assertSameAsAskingEachDetector(BUILT_IN, text);
  }

  @Property(tries = 500)
  void pastSixtyFourGatesEachDetectorIsAsked(@ForAll("texts") String text) {
    List<Detector> many = new ArrayList<>(BUILT_IN);
    for (int i = 0; i < 40; i++) {
      many.add(new PatternDetector("p" + i, "x" + i + "[a-z]"));
    }
    assertSameAsAskingEachDetector(many, text);
  }

  private static void assertSameAsAskingEachDetector(List<Detector> detectors, String text) {
    TextFacts facts = TextFacts.of(text);
    FieldDetectors table = new FieldDetectors(detectors);
    List<Span> expected = new ArrayList<>();
    boolean any = false;
    for (Detector d : detectors) {
      if (d.mayMatch(facts)) {
        any = true;
        d.find(text, "password", expected);
      }
    }
    assertThat(table.mayFind(facts)).as(text).isEqualTo(any);
    List<Span> found = table.find(text, "password", facts);
    assertThat(found == null ? List.<Span>of() : found).as(text).containsExactlyElementsOf(expected);
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.strings().withChars("abcghpxoAKIXYZ0123456789 .,:-@_/+()=").ofMaxLength(70);
  }
}
