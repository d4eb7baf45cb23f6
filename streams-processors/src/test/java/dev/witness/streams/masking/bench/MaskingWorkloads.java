package dev.witness.streams.masking.bench;

import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.content.MaskingFixtures;
import dev.witness.streams.masking.content.PiiCorpus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs the masking benchmarks measure, built from seeded corpora so every run masks the same
 * bytes: the 1,000 x 10 result set of {@code CorpusEvaluationTest}, the evaluation corpus laid out
 * in SQL chunks and JSON documents, and a ~100 KB JSON document of customer records.
 */
public final class MaskingWorkloads {

  /** Rows per SQL chunk and objects per JSON document of the corpus: a typical proxy chunk size. */
  private static final int PER_CHUNK = 200;

  /** The corpus: SQL chunks (with their columns) and JSON documents. */
  public record Corpus(List<byte[]> sqlChunks, List<SqlColumn> columns, List<byte[]> jsonDocuments) {

    public long bytes() {
      long n = 0;
      for (byte[] b : sqlChunks) {
        n += b.length;
      }
      for (byte[] b : jsonDocuments) {
        n += b.length;
      }
      return n;
    }
  }

  private MaskingWorkloads() {}

  /** Columns of the 1,000 x 10 result: an int4 id, then nine text columns. */
  public static List<SqlColumn> resultColumns() {
    List<SqlColumn> columns = new ArrayList<>();
    for (int c = 0; c < 10; c++) {
      columns.add(MaskingFixtures.column("c" + c, c == 0 ? 23 : 25, 0));
    }
    return columns;
  }

  /** 1,000 DataRows of 10 columns, one in three values sensitive (as in {@code CorpusEvaluationTest}). */
  public static byte[] resultSet() {
    PiiCorpus corpus = new PiiCorpus(7L);
    List<PiiCorpus.Labeled> values = corpus.positives(3_000);
    values.addAll(corpus.negatives(6_000));
    Object[][] rows = new Object[1_000][];
    for (int r = 0; r < rows.length; r++) {
      Object[] row = new Object[10];
      row[0] = r;
      for (int c = 1; c < 10; c++) {
        row[c] = values.get((r * 9 + c) % values.size()).value();
      }
      rows[r] = row;
    }
    return MaskingFixtures.rows(rows);
  }

  /** The evaluation corpus (10,800 positives, 10,800 negatives), alternately in SQL rows and JSON objects. */
  public static Corpus corpus() {
    PiiCorpus corpus = new PiiCorpus(20260301L);
    List<PiiCorpus.Labeled> values = new ArrayList<>(corpus.positives(10_800));
    values.addAll(corpus.negatives(10_800));
    List<SqlColumn> columns = List.of(MaskingFixtures.column("id", 23, 0), MaskingFixtures.column("value", 25, 0),
        MaskingFixtures.column("comment", 1043, 0));
    List<byte[]> sql = new ArrayList<>();
    List<byte[]> json = new ArrayList<>();
    List<Object[]> rows = new ArrayList<>();
    StringBuilder doc = new StringBuilder("[");
    int objects = 0;
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i).value();
      if (i % 2 == 0) {
        doc.append(objects == 0 ? "" : ",").append("{\"id\":").append(i).append(",\"customer\":{\"value\":\"")
            .append(v).append("\",\"comment\":\"updated by ops\"}}");
        if (++objects == PER_CHUNK) {
          json.add(doc.append(']').toString().getBytes(StandardCharsets.UTF_8));
          doc.setLength(1);
          objects = 0;
        }
      } else {
        rows.add(new Object[] {i, v, "updated by ops"});
        if (rows.size() == PER_CHUNK) {
          sql.add(MaskingFixtures.rows(rows.toArray(Object[][]::new)));
          rows.clear();
        }
      }
    }
    if (objects > 0) {
      json.add(doc.append(']').toString().getBytes(StandardCharsets.UTF_8));
    }
    if (!rows.isEmpty()) {
      sql.add(MaskingFixtures.rows(rows.toArray(Object[][]::new)));
    }
    return new Corpus(sql, columns, json);
  }

  /** A JSON array of customer records, some fields sensitive and some free text, of at least 100 KB. */
  public static byte[] jsonDocument() {
    PiiCorpus corpus = new PiiCorpus(100L);
    List<PiiCorpus.Labeled> values = corpus.positives(9_000);
    List<PiiCorpus.Labeled> negatives = corpus.negatives(9_000);
    StringBuilder doc = new StringBuilder("{\"customers\":[");
    for (int i = 0; doc.length() < 100_000; i++) {
      doc.append(i == 0 ? "" : ",")
          .append("{\"id\":").append(i)
          .append(",\"name\":\"Customer ").append(i).append('"')
          .append(",\"contact\":\"").append(values.get((i * 3) % values.size()).value()).append('"')
          .append(",\"reference\":\"").append(negatives.get(i % negatives.size()).value()).append('"')
          .append(",\"created_at\":\"2024-03-").append(10 + i % 18).append("T10:15:00Z\"")
          .append(",\"balance\":").append(i * 37 % 10_000).append('.').append(i % 100)
          .append(",\"active\":").append(i % 3 != 0)
          .append(",\"address\":{\"city\":\"Springfield\",\"zip\":\"").append(10_000 + i).append("\"}")
          .append(",\"notes\":\"called about order ").append(negatives.get((i * 7) % negatives.size()).value())
          .append(", see ").append(values.get((i * 3 + 1) % values.size()).value()).append("\"}");
    }
    return doc.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }
}
