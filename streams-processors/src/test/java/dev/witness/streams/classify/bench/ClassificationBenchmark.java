package dev.witness.streams.classify.bench;

import dev.witness.streams.classify.ClassifiedRequest;
import dev.witness.streams.classify.SqlClassifier;
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

/**
 * Time to classify one statement of a 1,000-statement corpus, sampled per call so percentiles
 * show: each distinct statement parsed (what a statement never seen before costs) and the same
 * statements again (an agent repeating its queries: served from the classifier's cache).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClassificationBenchmark {

  static final int CORPUS_SIZE = 1_000;

  private List<String> corpus;
  private int next;

  @Setup
  public void setUp() {
    corpus = SqlCorpus.statements(CORPUS_SIZE, 20_260_101L);
    for (String sql : corpus) {
      SqlClassifier.classify(sql);
    }
  }

  private String nextStatement() {
    String sql = corpus.get(next);
    next = next + 1 == CORPUS_SIZE ? 0 : next + 1;
    return sql;
  }

  @Benchmark
  public ClassifiedRequest distinctStatementParsed() {
    return SqlClassifier.classifyWithoutCache(nextStatement());
  }

  @Benchmark
  public ClassifiedRequest repeatedStatementCached() {
    return SqlClassifier.classify(nextStatement());
  }
}
