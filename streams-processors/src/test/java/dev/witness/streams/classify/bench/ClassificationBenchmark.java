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
 * show. Two corpora: {@link SqlCorpus#statements} (1,000 distinct statements, each parsed as if its
 * shape were new: the worst case) and {@link SqlCorpus#agentTraffic} (1,000 distinct texts of a few
 * dozen shapes with other literals each time, as agents send them). Benchmarks: a text parsed
 * ({@code *Parsed}: what every first-seen text cost before the shape cache, and what a new shape
 * still costs), a text whose shape is new through the whole path ({@code newShapeClassified}), a
 * first-seen text of a known shape ({@code agentStatementFirstSeen}), and the same text again
 * ({@code repeatedStatementCached}).
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
  private List<String> agentCorpus;
  private int next;

  @Setup
  public void setUp() {
    corpus = SqlCorpus.statements(CORPUS_SIZE, 20_260_101L);
    agentCorpus = SqlCorpus.agentTraffic(CORPUS_SIZE, 20_260_101L);
    for (String sql : corpus) {
      SqlClassifier.classify(sql);
    }
    // The shapes are learned; each text of the agent corpus stays "first seen" for classifyFirstSeen.
    for (String sql : agentCorpus) {
      SqlClassifier.classifyFirstSeen(sql);
    }
  }

  private String nextAgentStatement() {
    String sql = agentCorpus.get(next);
    next = next + 1 == CORPUS_SIZE ? 0 : next + 1;
    return sql;
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

  /**
   * The whole classification path ({@link SqlClassifier#classify}: text cache, shape, parse, caching)
   * for a statement whose text and shape were never seen: both caches are emptied first, and that
   * cost is counted too.
   */
  @Benchmark
  public ClassifiedRequest newShapeClassified() {
    SqlClassifier.forgetClassifications();
    return SqlClassifier.classify(nextStatement());
  }

  @Benchmark
  public ClassifiedRequest agentStatementParsed() {
    return SqlClassifier.classifyWithoutCache(nextAgentStatement());
  }

  @Benchmark
  public ClassifiedRequest agentStatementFirstSeen() {
    return SqlClassifier.classifyFirstSeen(nextAgentStatement());
  }

  @Benchmark
  public ClassifiedRequest repeatedStatementCached() {
    return SqlClassifier.classify(nextStatement());
  }
}
