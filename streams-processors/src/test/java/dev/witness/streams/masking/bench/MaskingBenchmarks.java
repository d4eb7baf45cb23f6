package dev.witness.streams.masking.bench;

import dev.witness.streams.masking.content.JsonMasker;
import dev.witness.streams.masking.content.MaskingFixtures;
import dev.witness.streams.masking.content.MaskingTally;
import dev.witness.streams.masking.content.SqlRowMasker;
import dev.witness.streams.masking.plan.MaskingPlan;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link MaskingBenchmark} and prints, per workload, milliseconds per operation and MB/s
 * (JMH reports only time; the byte counts of the inputs turn it into throughput per core).
 * An optional argument restricts the run to benchmarks matching that regular expression. Then, in
 * this JVM, each workload is timed again by the thread's CPU time rather than the wall clock, which
 * other processes on a shared machine inflate far less ({@code -Dmasking.bench.jmh=false} runs only that).
 */
public final class MaskingBenchmarks {

  private MaskingBenchmarks() {}

  /** CPU time spent warming up, then measuring, each workload. */
  private static final long WARM_UP_NANOS = 4_000_000_000L;
  private static final long MEASURE_NANOS = 5_000_000_000L;

  /** Where the sizes of the outputs go, so the JIT cannot drop the work producing them. */
  static volatile long consumed;

  public static void main(String[] args) throws RunnerException, SqlRowMasker.MalformedRows {
    Map<String, Long> bytes = Map.of(
        "sqlResultSet1000x10", (long) MaskingWorkloads.resultSet().length,
        "corpus", MaskingWorkloads.corpus().bytes(),
        "json100Kb", (long) MaskingWorkloads.jsonDocument().length);
    String filter = args.length > 0 ? args[0] : "";
    if (Boolean.parseBoolean(System.getProperty("masking.bench.jmh", "true"))) {
      jmh(bytes, filter);
    }
    cpu(bytes, filter);
  }

  private static void jmh(Map<String, Long> bytes, String filter) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(MaskingBenchmark.class.getName() + "." + filter)
        .verbosity(VerboseMode.SILENT)
        .build();
    System.out.printf("%-22s %12s %10s %10s %10s%n", "benchmark", "bytes/op", "ms/op", "+/- ms", "MB/s");
    for (RunResult r : new Runner(options).run()) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      double millis = r.getPrimaryResult().getScore();
      long size = bytes.get(name);
      System.out.printf("%-22s %12d %10.3f %10.3f %10.1f%n", name, size, millis,
          r.getPrimaryResult().getScoreError(), size / 1e6 / (millis / 1000));
    }
  }

  /** Milliseconds of this thread's CPU time per operation of each workload, and MB/s per core from them. */
  private static void cpu(Map<String, Long> bytes, String filter) throws SqlRowMasker.MalformedRows {
    MaskingPlan plan = MaskingFixtures.defaults();
    var resultSet = MaskingWorkloads.resultSet();
    var columns = MaskingWorkloads.resultColumns();
    var corpus = MaskingWorkloads.corpus();
    var json = MaskingWorkloads.jsonDocument();
    Map<String, Workload> workloads = new LinkedHashMap<>();
    workloads.put("corpus", () -> {
      int n = 0;
      for (byte[] chunk : corpus.sqlChunks()) {
        n += SqlRowMasker.mask(plan, chunk, corpus.columns(), new MaskingTally()).length;
      }
      for (byte[] doc : corpus.jsonDocuments()) {
        n += JsonMasker.mask(plan, doc, new MaskingTally()).map(b -> b.length).orElse(0);
      }
      return n;
    });
    workloads.put("json100Kb", () -> JsonMasker.mask(plan, json, new MaskingTally()).map(b -> b.length).orElse(0));
    workloads.put("sqlResultSet1000x10", () -> SqlRowMasker.mask(plan, resultSet, columns, new MaskingTally()).length);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Pattern only = Pattern.compile(filter);
    System.out.printf("%-22s %12s %10s %10s %10s%n", "benchmark (cpu time)", "bytes/op", "cpu ms/op", "ops", "MB/s");
    for (Map.Entry<String, Workload> w : workloads.entrySet()) {
      if (!only.matcher(w.getKey()).find()) {
        continue;
      }
      long sink = 0;
      long from = threads.getCurrentThreadCpuTime();
      while (threads.getCurrentThreadCpuTime() - from < WARM_UP_NANOS) {
        sink += w.getValue().run();
      }
      int ops = 0;
      from = threads.getCurrentThreadCpuTime();
      long spent;
      do {
        sink += w.getValue().run();
        ops++;
        spent = threads.getCurrentThreadCpuTime() - from;
      } while (spent < MEASURE_NANOS);
      double millis = spent / 1e6 / ops;
      long size = bytes.get(w.getKey());
      System.out.printf("%-22s %12d %10.3f %10d %10.1f%n", w.getKey(), size, millis, ops, size / 1e6 / (millis / 1000));
      consumed = sink;
    }
  }

  /** One operation of a workload; returns a size so the JIT cannot drop the work. */
  @FunctionalInterface
  private interface Workload {
    int run() throws SqlRowMasker.MalformedRows;
  }
}
