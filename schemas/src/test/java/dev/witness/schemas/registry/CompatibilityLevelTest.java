package dev.witness.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.SchemaSurgery;
import dev.witness.schemas.event.Verdict;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class CompatibilityLevelTest {

  private static final Schema V1 = SchemaBuilder.record("R").fields().requiredString("a").endRecord();
  /** Adds a required field: readable by old readers, but cannot read old data. */
  private static final Schema V2_REQUIRED = SchemaBuilder.record("R").fields()
      .requiredString("a").requiredInt("b").endRecord();
  /** Adds a defaulted field: compatible both ways. */
  private static final Schema V2_DEFAULTED = SchemaBuilder.record("R").fields()
      .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
  /** Drops the field without default that V1 readers need. */
  private static final Schema V3_DROPPED_A = SchemaBuilder.record("R").fields()
      .name("b").type().intType().intDefault(0).endRecord();

  @Test
  void anythingIsCompatibleWithNoPreviousVersion() {
    for (CompatibilityLevel level : CompatibilityLevel.values()) {
      assertThat(level.check(V2_REQUIRED, List.of())).isEmpty();
    }
  }

  @Test
  void backwardNeedsDefaultsForNewFields() {
    assertThat(CompatibilityLevel.BACKWARD.check(V2_DEFAULTED, List.of(V1))).isEmpty();
    assertThat(CompatibilityLevel.BACKWARD.check(V2_REQUIRED, List.of(V1)))
        .singleElement().asString().startsWith("new schema reading old data: READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void forwardLetsOldReadersReadNewData() {
    assertThat(CompatibilityLevel.FORWARD.check(V2_REQUIRED, List.of(V1))).isEmpty();
    assertThat(CompatibilityLevel.FORWARD.check(V3_DROPPED_A, List.of(V2_DEFAULTED)))
        .singleElement().asString().startsWith("old schema reading new data");
  }

  @Test
  void fullChecksBothDirections() {
    assertThat(CompatibilityLevel.FULL.check(V2_DEFAULTED, List.of(V1))).isEmpty();
    assertThat(CompatibilityLevel.FULL.check(V2_REQUIRED, List.of(V1))).hasSize(1);
  }

  @Test
  void nonTransitiveLevelsOnlyLookAtTheLatestVersion() {
    // V2_REQUIRED reads V2_DEFAULTED data (b is written) but not V1 data (b missing, no default).
    List<Schema> history = List.of(V1, V2_DEFAULTED);

    assertThat(CompatibilityLevel.BACKWARD.check(V2_REQUIRED, history)).isEmpty();
    assertThat(CompatibilityLevel.BACKWARD_TRANSITIVE.check(V2_REQUIRED, history)).hasSize(1);
    assertThat(CompatibilityLevel.FULL_TRANSITIVE.check(V2_REQUIRED, history)).hasSize(1);
  }

  @Test
  void noneAcceptsAnything() {
    assertThat(CompatibilityLevel.NONE.check(Schema.create(Schema.Type.INT), List.of(V1))).isEmpty();
  }

  @Test
  void problemsNameNestedFieldsByTheirPath() {
    Schema header = SchemaSurgery.withField(
        SchemaSurgery.withoutFields(EventHeader.getClassSchema(), "sequence"),
        new Schema.Field("sequence", Schema.create(Schema.Type.STRING)));
    List<Schema.Field> fields = Verdict.getClassSchema().getFields().stream()
        .map(f -> new Schema.Field(f, f.name().equals("header") ? header : f.schema())).toList();
    Schema changed = Schema.createRecord("Verdict", null, "dev.witness.schemas.event", false, fields);

    assertThat(CompatibilityLevel.BACKWARD.check(changed, List.of(Verdict.getClassSchema())))
        .singleElement().asString().contains("TYPE_MISMATCH at header.sequence (");
  }

  @Test
  void parsesConfluentNamesInAnyCase() {
    assertThat(CompatibilityLevel.parse("full_transitive")).isEqualTo(CompatibilityLevel.FULL_TRANSITIVE);
    assertThat(CompatibilityLevel.parse("BACKWARD")).isEqualTo(CompatibilityLevel.BACKWARD);
    assertThat(CompatibilityLevel.parse("sideways")).isNull();
    assertThat(CompatibilityLevel.parse(null)).isNull();
  }
}
