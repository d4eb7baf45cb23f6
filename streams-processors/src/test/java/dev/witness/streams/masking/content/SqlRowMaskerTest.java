package dev.witness.streams.masking.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.MaskingMatch;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlRowMaskerTest {

  private static final List<SqlColumn> COLUMNS = List.of(
      MaskingFixtures.column("id", 23, 0),
      MaskingFixtures.column("email", 1043, 0),
      MaskingFixtures.column("notes", 25, 0),
      MaskingFixtures.column("ssn", 1043, 1),
      MaskingFixtures.column("date_of_birth", 1082, 0));

  @Test
  void masksTextColumnsKeepsRowsAndNullsAndNullsOtherTypesNamedByARule() throws Exception {
    MaskingPlan plan = MaskingFixtures.plan(
        List.of(new MaskingRule("ssn", MaskingMatch.any(), List.of("ssn"), null, "redact")), Map.of(), null);
    byte[] in = MaskingFixtures.rows(
        new Object[] {"1", "jane@example.com", "nothing here", "536-22-1234".getBytes(), "1980-04-12"},
        new Object[] {"2", null, "card 4111 1111 1111 1111", null, null},
        new Object[] {"3", "bob@corp.example", null, "x".getBytes(), "1975-01-02"});
    MaskingTally tally = new MaskingTally();

    List<List<String>> out = MaskingFixtures.parse(SqlRowMasker.mask(plan, in, COLUMNS, tally));

    assertThat(out).containsExactly(
        Arrays.asList("1", "[EMAIL]", "nothing here", null, null),
        Arrays.asList("2", null, "card **** **** **** 1111", null, null),
        Arrays.asList("3", "[EMAIL]", null, null, null));
    assertThat(tally.toList()).extracting(MaskingApplied::getField, MaskingApplied::getDetector, MaskingApplied::getCount)
        .contains(org.assertj.core.groups.Tuple.tuple("email", "email", 2),
            org.assertj.core.groups.Tuple.tuple("ssn", "rule", 2),
            org.assertj.core.groups.Tuple.tuple("date_of_birth", "dob", 2));
  }

  @Test
  void passesRowsWithNothingToMaskByteForByte() throws Exception {
    byte[] in = MaskingFixtures.rows(new Object[] {"1", "no pii", "plain", null, null});
    assertThat(SqlRowMasker.mask(MaskingFixtures.defaults(), in, COLUMNS, new MaskingTally())).isEqualTo(in);
  }

  @Test
  void withoutTheHeadScansEveryUtf8Value() throws Exception {
    byte[] in = MaskingFixtures.rows(new Object[] {"jane@example.com", new byte[] {(byte) 0xff, 0x01}});
    List<List<String>> out = MaskingFixtures.parse(
        SqlRowMasker.mask(MaskingFixtures.defaults(), in, List.of(), new MaskingTally()));
    assertThat(out.get(0).get(0)).isEqualTo("[EMAIL]");
  }

  @Test
  void rejectsMalformedRows() {
    byte[] in = MaskingFixtures.rows(new Object[] {"1", "a", "b", null, null});
    byte[] truncated = Arrays.copyOf(in, in.length - 1);
    assertThatThrownBy(() -> SqlRowMasker.mask(MaskingFixtures.defaults(), truncated, COLUMNS, new MaskingTally()))
        .isInstanceOf(SqlRowMasker.MalformedRows.class);
    byte[] twoColumns = MaskingFixtures.rows(new Object[] {"1", "a"});
    assertThatThrownBy(() -> SqlRowMasker.mask(MaskingFixtures.defaults(), twoColumns, COLUMNS, new MaskingTally()))
        .isInstanceOf(SqlRowMasker.MalformedRows.class);
  }
}
