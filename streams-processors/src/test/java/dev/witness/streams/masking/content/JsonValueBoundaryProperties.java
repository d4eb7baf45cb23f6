package dev.witness.streams.masking.content;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link JsonValueBoundary} releases a held JSON stream only at the end of a whole document: never
 * inside one (so a single body cut into chunks is masked whole), never across two.
 */
class JsonValueBoundaryProperties {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Property(tries = 500)
  void aWholeDocumentOnItsLineIsReleasedAndNoProperPrefixOfItIs(@ForAll("documents") String document) {
    byte[] line = (document + "\n").getBytes(StandardCharsets.UTF_8);

    assertThat(JsonValueBoundary.isOneCompleteLine(line)).as(document).isTrue();
    for (int cut = 1; cut < line.length - 1; cut++) {
      byte[] prefix = Arrays.copyOf(line, cut);
      prefix[cut - 1] = '\n'; // even a prefix that happens to end a line
      assertThat(JsonValueBoundary.isOneCompleteLine(prefix)).as("prefix %d of %s", cut, document).isFalse();
    }
  }

  @Property(tries = 300)
  void twoDocumentsHeldTogetherAreNotOne(@ForAll("documents") String a, @ForAll("documents") String b) {
    assertThat(JsonValueBoundary.isOneCompleteLine((a + "\n" + b + "\n").getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Example
  void scalarsAndTextWithoutALineEndAreNeverReleasedEarly() {
    for (String held : List.of("12\n", "\"text\"\n", "true\n", "{}", "{\"a\":1}  ", "", "\n", "{\"a\":\"}\"\n")) {
      assertThat(JsonValueBoundary.isOneCompleteLine(held.getBytes(StandardCharsets.UTF_8))).as(held).isFalse();
    }
    assertThat(JsonValueBoundary.isOneCompleteLine("  [1,{\"b\":\"\\\"]\"}] \r\n".getBytes(StandardCharsets.UTF_8)))
        .isTrue();
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<Object> tree = Arbitraries.recursive(this::scalars, this::containers, 0, 4);
    return containers(tree).flatMap(value -> Arbitraries.of(true, false).map(pretty -> {
      try {
        return pretty ? JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) : JSON.writeValueAsString(value);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }));
  }

  private Arbitrary<Object> scalars() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("{}[]\"\\:,\n\t ab@é").ofMaxLength(12).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.of(true, false).map(b -> (Object) b));
  }

  private Arbitrary<Object> containers(Arbitrary<Object> element) {
    Arbitrary<Object> list = element.list().ofMaxSize(4).map(l -> (Object) l);
    Arbitrary<Object> map = Arbitraries.maps(Arbitraries.strings().withChars("ab\"{}").ofMaxLength(3), element)
        .ofMaxSize(4).map(m -> (Object) new LinkedHashMap<String, Object>(m));
    return Arbitraries.oneOf(list, map);
  }
}
