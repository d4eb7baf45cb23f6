package dev.witness.streams.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class DetectorProperties {

  @Property
  void everyLuhnValidVisaIsFoundAndEveryOtherCheckDigitIsNot(@ForAll("visaBodies") String body, @ForAll("prose") String before) {
    int check = luhnCheckDigit(body);
    String valid = body + check;
    String invalid = body + ((check + 1 + (int) (Math.abs((long) body.hashCode()) % 9)) % 10);
    // A digit group right before may join the number (it is then a longer valid card): still covered.
    assertThat(find(new CardDetector(), before + " " + valid + " end")).anySatisfy(s -> assertThat(s).endsWith(valid));
    assertThat(find(new CardDetector(), "x " + invalid + " end")).isEmpty();
  }

  @Property
  void anIbanWithComputedCheckDigitsIsFoundAndAChangedDigitBreaksIt(@ForAll("bban") String bban) {
    String iban = "DE" + checkDigits("DE", bban) + bban;
    assertThat(find(new IbanDetector(), "pay to " + iban + ".")).containsExactly(iban);
    char last = bban.charAt(bban.length() - 1);
    String typo = iban.substring(0, iban.length() - 1) + (char) ('0' + (last - '0' + 1) % 10);
    assertThat(find(new IbanDetector(), "pay to " + typo + ".")).isEmpty();
  }

  @Property
  void spansNeverLeaveTheText(@ForAll("prose") String text) {
    for (String name : dev.witness.schemas.config.MaskingConfig.DETECTORS) {
      List<Span> spans = new ArrayList<>();
      Detectors.builtIn(name, "US").find(text, "password", spans);
      assertThat(spans).allSatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(text.length()));
    }
  }

  @Provide
  Arbitrary<String> visaBodies() {
    return Arbitraries.strings().numeric().ofLength(14).map(s -> "4" + s);
  }

  @Provide
  Arbitrary<String> bban() {
    return Arbitraries.strings().numeric().ofLength(18);
  }

  @Provide
  Arbitrary<String> prose() {
    return Arbitraries.strings().withChars("abcdefXYZ0123456789 .,:-@_/+=").ofMaxLength(80);
  }

  static List<String> find(Detector d, String text) {
    List<Span> spans = new ArrayList<>();
    d.find(text, null, spans);
    return spans.stream().map(s -> text.substring(s.start(), s.end())).toList();
  }

  static int luhnCheckDigit(String body) {
    int sum = 0;
    boolean doubleIt = true;
    for (int i = body.length() - 1; i >= 0; i--) {
      int d = body.charAt(i) - '0';
      if (doubleIt) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return (10 - sum % 10) % 10;
  }

  static String checkDigits(String country, String bban) {
    char[] rearranged = (bban + country + "00").toCharArray();
    int rest = IbanDetector.mod97(("XX00" + bban + country + "00").substring(4).toCharArray().length == 0
        ? rearranged : shifted(bban, country), bban.length() + 4);
    return String.format("%02d", 98 - rest);
  }

  private static char[] shifted(String bban, String country) {
    // mod97 moves the first four characters to the end itself: hand it country + "00" + bban.
    return (country + "00" + bban).toCharArray();
  }
}
