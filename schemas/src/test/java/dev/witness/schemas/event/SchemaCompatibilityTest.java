package dev.witness.schemas.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.registry.CompatibilityLevel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each current top-level schema must read data written with every released version of it
 * (BACKWARD, new schema as reader): consumers upgrade before or after producers, and the ledger
 * keeps old events forever. On a release, copy the then-current schemas into
 * {@code src/test/resources/released/<version>/<full name>.avsc}.
 */
class SchemaCompatibilityTest {

  private static final Map<String, Schema> CURRENT = RandomEvents.TOP_LEVEL.stream()
      .map(type -> SpecificData.get().getSchema(type))
      .collect(Collectors.toMap(Schema::getFullName, s -> s));

  static Stream<Named<Path>> releasedSchemas() throws IOException, URISyntaxException {
    Path root = Path.of(SchemaCompatibilityTest.class.getResource("/released").toURI());
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".avsc")).sorted()
          .map(p -> Named.of(root.relativize(p).toString(), p))
          .toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("releasedSchemas")
  void currentSchemaReadsDataWrittenWithTheReleasedOne(Path released) throws IOException {
    Schema old = new Schema.Parser().parse(released.toFile());
    Schema current = CURRENT.get(old.getFullName());

    assertThat(current).as("released type %s still exists", old.getFullName()).isNotNull();
    assertThat(CompatibilityLevel.BACKWARD.check(current, List.of(old)))
        .as("%s is BACKWARD compatible with %s", old.getFullName(), released.getParent().getFileName())
        .isEmpty();
  }

  @Test
  void release010HoldsEveryTopLevelEvent() throws IOException, URISyntaxException {
    Path release = Path.of(getClass().getResource("/released/0.1.0").toURI());
    try (Stream<Path> files = Files.list(release)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(CURRENT.keySet().stream().map(n -> n + ".avsc").toList());
    }
  }

  @Test
  void theCheckCatchesANewFieldWithoutDefault() {
    Schema released = Verdict.getClassSchema();
    Schema changed = SchemaSurgery.withField(released, new Schema.Field("riskScore", Schema.create(Schema.Type.INT)));

    assertThat(CompatibilityLevel.BACKWARD.check(changed, List.of(released)))
        .singleElement().asString().contains("riskScore").contains("READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void theCheckAcceptsTheSameFieldWithADefault() {
    Schema released = Verdict.getClassSchema();
    Schema changed = SchemaSurgery.withField(released,
        new Schema.Field("riskScore", Schema.create(Schema.Type.INT), "0-100", 0));

    assertThat(CompatibilityLevel.BACKWARD.check(changed, List.of(released))).isEmpty();
  }

  @Test
  void theCheckCatchesAChangedFieldType() {
    Schema released = Checkpoint.getClassSchema();
    Schema changed = SchemaSurgery.withField(
        SchemaSurgery.withoutFields(released, "treeSize"),
        new Schema.Field("treeSize", SchemaBuilder.builder().stringType()));

    assertThat(CompatibilityLevel.BACKWARD.check(changed, List.of(released)))
        .anySatisfy(problem -> assertThat(problem).contains("treeSize").contains("TYPE_MISMATCH"));
  }
}
