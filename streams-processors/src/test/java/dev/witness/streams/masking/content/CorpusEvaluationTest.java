package dev.witness.streams.masking.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.bench.MaskingWorkloads;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Precision and recall per type on a seeded corpus embedded in JSON documents and SQL rows, plus
 * throughput. Checksum-validated types must stay at or above 0.99.
 */
class CorpusEvaluationTest {

  private static final Set<String> CHECKSUMMED = Set.of("card", "iban", "ssn", "nino");
  private static final List<SqlColumn> COLUMNS = List.of(MaskingFixtures.column("id", 23, 0),
      MaskingFixtures.column("value", 25, 0), MaskingFixtures.column("comment", 1043, 0));

  private final MaskingPlan plan = MaskingFixtures.defaults();

  @Test
  void precisionAndRecallPerType() throws Exception {
    PiiCorpus corpus = new PiiCorpus(20260301L);
    List<PiiCorpus.Labeled> values = new ArrayList<>(corpus.positives(10_800));
    values.addAll(corpus.negatives(10_800));
    Map<String, int[]> counts = new TreeMap<>(); // type -> {truePositive, falseNegative, falsePositive}
    for (int i = 0; i < values.size(); i++) {
      PiiCorpus.Labeled v = values.get(i);
      MaskingTally tally = new MaskingTally();
      if (i % 2 == 0) {
        String json = "{\"id\":" + i + ",\"customer\":{\"value\":\"" + v.value() + "\",\"comment\":\"updated by ops\"}}";
        JsonMasker.mask(plan, json.getBytes(StandardCharsets.UTF_8), tally).orElseThrow();
      } else {
        SqlRowMasker.mask(plan, MaskingFixtures.rows(new Object[] {i, v.value(), "updated by ops"}), COLUMNS, tally);
      }
      List<String> detected = tally.toList().stream().map(MaskingApplied::getDetector).toList();
      if (v.type() != null) {
        counts.computeIfAbsent(v.type(), t -> new int[3])[detected.contains(v.type()) ? 0 : 1]++;
      }
      for (String d : detected) {
        if (!d.equals(v.type())) {
          counts.computeIfAbsent(d, t -> new int[3])[2]++;
        }
      }
    }
    StringBuilder report = new StringBuilder("type precision recall tp fn fp\n");
    counts.forEach((type, c) -> report.append(String.format("%-12s %.4f %.4f %d %d %d%n", type,
        precision(c), recall(c), c[0], c[1], c[2])));
    System.out.println(report);
    for (String type : CHECKSUMMED) {
      int[] c = counts.get(type);
      assertThat(precision(c)).as("precision of " + type + "\n" + report).isGreaterThanOrEqualTo(0.99);
      assertThat(recall(c)).as("recall of " + type + "\n" + report).isGreaterThanOrEqualTo(0.99);
    }
  }

  @Test
  void aThousandRowResultKeepsItsRowsAndLosesItsChecksummedValues() throws Exception {
    // Speed is measured by the JMH benchmark (README, "Benchmarks"); this checks the same workload.
    byte[] payload = MaskingWorkloads.resultSet();
    byte[] masked = SqlRowMasker.mask(plan, payload, MaskingWorkloads.resultColumns(), new MaskingTally());

    assertThat(dataRows(masked)).isEqualTo(dataRows(payload)).isEqualTo(1_000);
    String text = new String(masked, StandardCharsets.ISO_8859_1);
    for (PiiCorpus.Labeled positive : new PiiCorpus(7L).positives(3_000)) {
      if (CHECKSUMMED.contains(positive.type())) {
        assertThat(text).as(positive.type()).doesNotContain(positive.value());
      }
    }
  }

  private static int dataRows(byte[] wire) {
    int rows = 0;
    ByteBuffer buffer = ByteBuffer.wrap(wire);
    while (buffer.hasRemaining()) {
      byte type = buffer.get();
      int length = buffer.getInt();
      buffer.position(buffer.position() + length - 4);
      if (type == 'D') {
        rows++;
      }
    }
    return rows;
  }

  private static double precision(int[] c) {
    return c[0] + c[2] == 0 ? 1.0 : (double) c[0] / (c[0] + c[2]);
  }

  private static double recall(int[] c) {
    return c[0] + c[1] == 0 ? 1.0 : (double) c[0] / (c[0] + c[1]);
  }
}
