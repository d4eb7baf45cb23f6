package dev.witness.streams.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The phone detector's shortcuts around libphonenumber's parse never change its verdict. */
class PhoneDetectorProperties {

  private static final PhoneDetector US = new PhoneDetector("US");
  private static final PhoneDetector GB = new PhoneDetector("GB");
  private static final PhoneDetector DE = new PhoneDetector("DE");
  /** Not the first region of its calling code (US is): the per-region shortcut stays off. */
  private static final PhoneDetector CA = new PhoneDetector("CA");

  @Property(tries = 3000)
  void validatesEveryCandidateAsParsingWould(@ForAll("candidates") String candidate) {
    int digits = (int) candidate.chars().filter(Character::isDigit).count();
    for (PhoneDetector d : new PhoneDetector[] {US, GB, DE, CA}) {
      assertThat(d.valid(candidate, 0, candidate.length(), digits))
          .as("%s in %s", candidate, d)
          .isEqualTo(d.validByParse(candidate));
    }
  }

  @Property(tries = 2000)
  void realUsNumbersTakeTheShortcutAndStayValid(@ForAll("usNumbers") String number) {
    int digits = (int) number.chars().filter(Character::isDigit).count();
    assertThat(US.valid(number, 0, number.length(), digits)).isEqualTo(US.validByParse(number));
    assertThat(CA.valid(number, 0, number.length(), digits)).isEqualTo(CA.validByParse(number));
  }

  @Provide
  Arbitrary<String> candidates() {
    return Arbitraries.strings().withChars("0123456789012345678901234567890123456789 -.()+").ofMinLength(7).ofMaxLength(22)
        .filter(s -> s.chars().filter(Character::isDigit).count() >= 7);
  }

  @Property(tries = 2000)
  void internationalCandidatesAreValidatedAsParsingWould(@ForAll("international") String candidate) {
    int digits = (int) candidate.chars().filter(Character::isDigit).count();
    for (PhoneDetector d : new PhoneDetector[] {US, GB, DE, CA}) {
      assertThat(d.valid(candidate, 0, candidate.length(), digits)).as("%s in %s", candidate, d)
          .isEqualTo(d.validByParse(candidate));
    }
  }

  @Provide
  Arbitrary<String> international() {
    return net.jqwik.api.Combinators.combine(Arbitraries.of("011 ", "00 ", "0", "01 ", "1 ", "+"),
            Arbitraries.of("44 20 7946 ", "49 30 ", "1 212 555 ", "33 1 ", ""),
            Arbitraries.strings().numeric().ofMinLength(3).ofMaxLength(9))
        .as((p, cc, rest) -> p + cc + rest);
  }

  @Provide
  Arbitrary<String> usNumbers() {
    Arbitrary<String> area = Arbitraries.integers().between(200, 999).map(String::valueOf);
    Arbitrary<String> exchange = Arbitraries.integers().between(200, 999).map(String::valueOf);
    Arbitrary<String> line = Arbitraries.strings().numeric().ofLength(4);
    Arbitrary<String> format = Arbitraries.of("(%s) %s-%s", "%s-%s-%s", "%s.%s.%s", "1 %s %s %s", "+1 %s %s %s", "%s%s%s");
    return net.jqwik.api.Combinators.combine(format, area, exchange, line).as((f, a, e, l) -> String.format(f, a, e, l));
  }
}
