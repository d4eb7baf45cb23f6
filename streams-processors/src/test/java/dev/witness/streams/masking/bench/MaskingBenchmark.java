package dev.witness.streams.masking.bench;

import dev.witness.schemas.event.SqlColumn;
import dev.witness.streams.masking.content.JsonMasker;
import dev.witness.streams.masking.content.MaskingFixtures;
import dev.witness.streams.masking.content.MaskingTally;
import dev.witness.streams.masking.content.SqlRowMasker;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** Time to mask each workload of {@link MaskingWorkloads} with the default plan, on one thread. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
public class MaskingBenchmark {

  private MaskingPlan plan;
  private byte[] resultSet;
  private List<SqlColumn> resultColumns;
  private MaskingWorkloads.Corpus corpus;
  private byte[] jsonDocument;

  @Setup
  public void setUp() {
    plan = MaskingFixtures.defaults();
    resultSet = MaskingWorkloads.resultSet();
    resultColumns = MaskingWorkloads.resultColumns();
    corpus = MaskingWorkloads.corpus();
    jsonDocument = MaskingWorkloads.jsonDocument();
  }

  @Benchmark
  public byte[] sqlResultSet1000x10() throws SqlRowMasker.MalformedRows {
    return SqlRowMasker.mask(plan, resultSet, resultColumns, new MaskingTally());
  }

  @Benchmark
  public void corpus(Blackhole bh) throws SqlRowMasker.MalformedRows {
    for (byte[] chunk : corpus.sqlChunks()) {
      bh.consume(SqlRowMasker.mask(plan, chunk, corpus.columns(), new MaskingTally()));
    }
    for (byte[] doc : corpus.jsonDocuments()) {
      bh.consume(JsonMasker.mask(plan, doc, new MaskingTally()));
    }
  }

  @Benchmark
  public Object json100Kb() {
    return JsonMasker.mask(plan, jsonDocument, new MaskingTally());
  }
}
