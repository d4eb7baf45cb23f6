package dev.witness.streams.masking.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.streams.masking.content.PiiCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The cheap gates in front of the detectors ({@link Detector#mayMatch} on {@link TextFacts},
 * {@link Detector#mayMatchField}, the IPv6 colon count) never turn away a text the full detector
 * finds something in; and facts gathered from UTF-8 bytes are those of the decoded text.
 */
class DetectorGateProperties {

  private static final String[] FIELDS = {null, "comment", "password", "api_token", "dob", "aws_secret"};

  @Property(tries = 3000)
  void noGateRejectsATextItsDetectorFindsSomethingIn(@ForAll("texts") String text) {
    TextFacts facts = TextFacts.of(text);
    for (String name : MaskingConfig.DETECTORS) {
      Detector d = Detectors.builtIn(name, "US");
      for (String field : FIELDS) {
        List<Span> found = new ArrayList<>();
        d.find(text, field, found);
        if (!found.isEmpty()) {
          assertThat(d.mayMatch(facts)).as("%s gate on %s", name, text).isTrue();
          assertThat(d.mayMatchField(field)).as("%s field gate on %s", name, field).isTrue();
        }
      }
    }
  }

  @Property(tries = 1000)
  void factsFromUtf8BytesAreTheFactsOfTheText(@ForAll("texts") String text, @ForAll("nonAscii") String extra) {
    String withExtra = extra + text + extra;
    byte[] utf8 = withExtra.getBytes(StandardCharsets.UTF_8);
    TextFacts fromText = TextFacts.of(withExtra);
    TextFacts fromBytes = TextFacts.of(utf8, 0, utf8.length);
    assertThat(fromBytes).usingRecursiveComparison().ignoringFields("length").isEqualTo(fromText);
    assertThat(fromBytes.length).isGreaterThanOrEqualTo(fromText.length);
  }

  @Property(tries = 3000)
  void factsAreTheCountsOfACharacterByCharacterReading(@ForAll("texts") String text, @ForAll("nonAscii") String extra,
      @ForAll("nonAscii") String inside) {
    // The branch-free table sums of TextFacts against the plain reading they replaced.
    String mixed = extra + text + inside + text + extra;
    TextFacts facts = TextFacts.of(mixed);
    int digits = 0;
    int uppers = 0;
    int lowers = 0;
    int dots = 0;
    int colons = 0;
    int dashes = 0;
    int underscores = 0;
    boolean at = false;
    int run = 0;
    int longest = 0;
    for (char c : mixed.toCharArray()) {
      boolean digit = c >= '0' && c <= '9';
      digits += digit ? 1 : 0;
      uppers += c >= 'A' && c <= 'Z' ? 1 : 0;
      lowers += c >= 'a' && c <= 'z' ? 1 : 0;
      dots += c == '.' ? 1 : 0;
      colons += c == ':' ? 1 : 0;
      dashes += c == '-' ? 1 : 0;
      underscores += c == '_' ? 1 : 0;
      at |= c == '@';
      if (digit) {
        run++;
      } else if (" .-()+".indexOf(c) < 0) {
        run = 0;
      }
      longest = Math.max(longest, run);
    }
    assertThat(new int[] {facts.length, facts.digits, facts.uppers, facts.lowers, facts.dots, facts.colons, facts.dashes,
        facts.underscores, facts.digitRun}).as(mixed)
        .containsExactly(mixed.length(), digits, uppers, lowers, dots, colons, dashes, underscores, longest);
    assertThat(facts.at).isEqualTo(at);
    assertThat(facts.dot).isEqualTo(dots > 0);
    assertThat(facts.colon).isEqualTo(colons > 0);
  }

  @Property(tries = 20)
  void factsOfTextsLongerThanOneBlockOfCountersAreExact(@ForAll("nonAscii") String extra) {
    // Past 65,535 characters the 16-bit counters are carried into ints: a 200,000-character text counts them all.
    String text = ("1-2_a.B:@" + extra).repeat(20_000) + "123";
    TextFacts facts = TextFacts.of(text);
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    assertThat(TextFacts.of(utf8, 0, utf8.length)).usingRecursiveComparison().ignoringFields("length").isEqualTo(facts);
    int extraDigits = (int) extra.chars().filter(c -> c >= '0' && c <= '9').count();
    assertThat(facts.digits).isEqualTo(40_003 + extraDigits * 20_000);
    assertThat(facts.dashes).isEqualTo(20_000);
    assertThat(facts.underscores).isEqualTo(20_000);
    assertThat(facts.lowers).isEqualTo(20_000);
    assertThat(facts.uppers).isEqualTo(20_000);
    assertThat(facts.dots).isEqualTo(20_000);
    assertThat(facts.colons).isEqualTo(20_000);
    assertThat(facts.at).isTrue();
    // "1-2" is a run of two; "1-2" after a digit of extra is three, as is the final "123" (four after one).
    assertThat(facts.digitRun).isEqualTo(extraDigits > 0 ? 4 : 3);
  }

  @Property(tries = 3000)
  void theColonCountShortcutAgreesWithTheGroupCount(@ForAll("ipv6ish") String text) {
    // The shortcut answers "no" for texts without "::" and under six colons; the reference counts groups.
    assertThat(IpAddressDetector.validV6(text, 0, text.length())).as(text).isEqualTo(referenceV6(text));
  }

  /** RFC 4291 text forms counted the long way (the detector's own group count, without the colon shortcut). */
  private static boolean referenceV6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return false;
    }
    int head = IpAddressDetector.groups(gap >= 0 ? s.substring(0, gap) : s, gap < 0);
    int tail = gap >= 0 ? IpAddressDetector.groups(s.substring(gap + 2), true) : 0;
    if (head < 0 || tail < 0) {
      return false;
    }
    return gap >= 0 ? head + tail >= 1 && head + tail <= 7 : head + tail == 8;
  }

  /** Sensitive values of every type (grouped or not) inside junk, and junk alone. */
  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> junk = Arbitraries.strings().withChars("abcXYZ0123456789 .,:-@_/+()=\n").ofMaxLength(30);
    Arbitrary<String> value = Arbitraries.longs().flatMap(seed -> {
      List<PiiCorpus.Labeled> labeled = new PiiCorpus(seed).positives(9);
      labeled.addAll(new PiiCorpus(seed).negatives(9));
      return Arbitraries.of(labeled).map(PiiCorpus.Labeled::value);
    });
    Arbitrary<String> grouped = value.map(v -> v.matches("\\d{16}")
        ? v.substring(0, 4) + " " + v.substring(4, 8) + "-" + v.substring(8, 12) + " " + v.substring(12) : v);
    Arbitrary<String> extras = Arbitraries.of("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "glpat-abcdefghij0123456789",
        "xoxb-1234567890-abcdef", "sk_live_abcdefghijklmnopqrstuvwx", "AKIAABCDEFGHIJKLMNOP",
        "aws secret access key wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "fe80::1ff:fe23:4567:890a",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----", "+44 20 7946 0958",
        "1.2.3.4", "2001:db8::192.0.2.33", "s3cr3tV@lue!9xQ");
    return Combinators.combine(junk, Arbitraries.oneOf(grouped, extras, junk), junk).as((a, v, b) -> a + v + b);
  }

  @Provide
  Arbitrary<String> nonAscii() {
    return Arbitraries.of("", "é", "\u00a0", "日本", "\ud83d\ude00", "ü1");
  }

  @Provide
  Arbitrary<String> ipv6ish() {
    return Arbitraries.strings().withChars("0123456789abcdef:.").ofMinLength(2).ofMaxLength(45)
        .filter(s -> s.chars().filter(c -> c == ':').count() >= 2);
  }
}
