package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PathGlobProperties {

  @Property
  void agreesWithTheRegexReadingOfTheGlob(@ForAll("patterns") String pattern, @ForAll("paths") String path) {
    assertThat(PathGlob.compile(pattern).matches(path)).isEqualTo(referenceRegex(pattern).matcher(path).matches());
  }

  @Property
  void aPatternWithoutStarsMatchesOnlyItself(@ForAll("paths") String pattern, @ForAll("paths") String path) {
    assertThat(PathGlob.compile(pattern).matches(path)).isEqualTo(pattern.equals(path));
  }

  @Property
  void aSingleStarNeverCrossesASlash(@ForAll("segments") String prefix, @ForAll("paths") String rest) {
    boolean matches = PathGlob.compile("/" + prefix + "/*").matches("/" + prefix + "/" + rest);

    assertThat(matches).isEqualTo(!rest.contains("/"));
  }

  @Property
  void aTrailingDoubleStarMatchesThePrefixAndEverythingBelowIt(
      @ForAll("segments") String prefix, @ForAll("paths") String rest) {
    PathGlob glob = PathGlob.compile("/" + prefix + "/**");

    assertThat(glob.matches("/" + prefix)).isTrue();
    assertThat(glob.matches("/" + prefix + "/" + rest)).isTrue();
    assertThat(glob.matches("/" + prefix + "x" + rest)).isFalse();
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars('a', 'b', '/', '*').ofMaxLength(10);
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.strings().withChars('a', 'b', '/').ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> segments() {
    return Arbitraries.strings().withChars('a', 'b', 'c').ofMinLength(1).ofMaxLength(6);
  }

  /** The documented semantics written as a regex, independently of the automaton. */
  private static Pattern referenceRegex(String glob) {
    StringBuilder regex = new StringBuilder();
    int p = 0;
    while (p < glob.length()) {
      if (glob.startsWith("/**", p) && (p + 3 == glob.length() || glob.charAt(p + 3) == '/')) {
        regex.append("(?:/.*)?");
        p += 3;
      } else if (glob.startsWith("**", p)) {
        regex.append(".*");
        p += 2;
      } else if (glob.charAt(p) == '*') {
        regex.append("[^/]*");
        p++;
      } else {
        regex.append(Pattern.quote(String.valueOf(glob.charAt(p))));
        p++;
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
