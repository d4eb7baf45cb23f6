package dev.witness.streams.masking.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingMatch;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.bench.MaskingWorkloads;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The result-set path (facts read from the wire bytes, cells no detector can match never decoded,
 * detectors looked up once per column, unchanged cells copied as bytes) writes exactly the bytes
 * and tallies of masking each value alone through {@link ValueMasker}, the path shared with JSON.
 */
class SqlRowMaskerEquivalenceProperties {

  private static final MaskingPlan DEFAULTS = MaskingFixtures.defaults();
  private static final MaskingPlan WITH_RULES = MaskingFixtures.plan(List.of(
      new MaskingRule("whole", MaskingMatch.any(), List.of("secret_notes"), null, "redact"),
      new MaskingRule("emails", MaskingMatch.any(), List.of("contact"), "email", "token")), Map.of("phone", "partial"), null);
  private static final String[] NAMES = {"c1", "comment", "secret_notes", "contact", "date_of_birth", "api_token"};

  @Example
  void theBenchmarkResultSetMasksAsValueByValue() throws Exception {
    assertSameAsValueByValue(DEFAULTS, MaskingWorkloads.resultSet(), MaskingWorkloads.resultColumns());
  }

  @Example
  void theCorpusChunksMaskAsValueByValue() throws Exception {
    MaskingWorkloads.Corpus corpus = MaskingWorkloads.corpus();
    for (byte[] chunk : corpus.sqlChunks()) {
      assertSameAsValueByValue(DEFAULTS, chunk, corpus.columns());
      assertSameAsValueByValue(WITH_RULES, chunk, corpus.columns());
    }
  }

  @Property(tries = 300)
  void rowsOfCorpusValuesMaskAsValueByValue(@ForAll("seeds") long seed, @ForAll("columnNames") List<String> names)
      throws Exception {
    PiiCorpus corpus = new PiiCorpus(seed);
    List<PiiCorpus.Labeled> values = corpus.positives(18);
    values.addAll(corpus.negatives(18));
    List<SqlColumn> columns = new ArrayList<>();
    columns.add(MaskingFixtures.column("id", 23, 0));
    for (String name : names) {
      columns.add(MaskingFixtures.column(name, 25, 0));
    }
    Object[][] rows = new Object[12][];
    for (int r = 0; r < rows.length; r++) {
      rows[r] = new Object[columns.size()];
      rows[r][0] = r;
      for (int c = 1; c < columns.size(); c++) {
        int k = (int) Math.floorMod(seed + r * 7L + c, values.size() + 2L);
        // Now and then a NULL, an empty value, or two values in one cell with non-ASCII text between.
        rows[r][c] = k == values.size() ? null : k == values.size() + 1 ? ""
            : (r + c) % 3 == 0 ? values.get(k).value() + " é日 " + values.get((k + 1) % values.size()).value()
            : values.get(k).value();
      }
    }
    byte[] payload = MaskingFixtures.rows(rows);
    assertSameAsValueByValue(DEFAULTS, payload, columns);
    assertSameAsValueByValue(WITH_RULES, payload, columns);
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  @Provide
  Arbitrary<List<String>> columnNames() {
    return Arbitraries.of(NAMES).list().ofMinSize(1).ofMaxSize(6);
  }

  /** Masks {@code payload} as a result set, and each of its values alone, and compares bytes and tallies. */
  private static void assertSameAsValueByValue(MaskingPlan plan, byte[] payload, List<SqlColumn> columns)
      throws SqlRowMasker.MalformedRows {
    MaskingTally fast = new MaskingTally();
    byte[] masked = SqlRowMasker.mask(plan, payload, columns, fast);

    MaskingTally oneByOne = new MaskingTally();
    List<List<String>> rows = MaskingFixtures.parse(payload);
    Object[][] expected = new Object[rows.size()][];
    for (int r = 0; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      expected[r] = new Object[row.size()];
      for (int c = 0; c < row.size(); c++) {
        String value = row.get(c);
        String name = columns.get(c).getName();
        boolean text = SqlRowMasker.TEXT_TYPES.contains(columns.get(c).getTypeOid());
        expected[r][c] = value == null || !text ? value
            : ValueMasker.mask(plan, value, name, () -> name, plan.ruleForColumn(name), oneByOne);
      }
    }
    assertThat(masked).isEqualTo(MaskingFixtures.rows(expected));
    assertThat(fast.toList()).isEqualTo(oneByOne.toList());
  }
}
