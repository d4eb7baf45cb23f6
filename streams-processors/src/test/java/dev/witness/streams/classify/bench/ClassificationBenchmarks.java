package dev.witness.streams.classify.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs {@link ClassificationBenchmark} and prints per-statement percentiles in microseconds, then
 * the CPU time of never-seen statements ({@link ClassificationCpuTimes}).
 */
public final class ClassificationBenchmarks {

  private ClassificationBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(ClassificationBenchmark.class.getName() + "." + (args.length > 0 ? args[0] : ""))
        .verbosity(VerboseMode.SILENT)
        .build();
    System.out.printf("classification of a %,d-statement corpus, one thread (microseconds per statement)%n",
        ClassificationBenchmark.CORPUS_SIZE);
    System.out.printf("%-26s %10s %8s %8s %8s %8s %10s%n", "benchmark", "samples", "mean", "p50", "p99", "p99.9", "ops/s");
    for (RunResult r : new Runner(options).run()) {
      String name = r.getParams().getBenchmark();
      Statistics s = r.getPrimaryResult().getStatistics();
      System.out.printf("%-26s %10d %8.1f %8.1f %8.1f %8.1f %10.0f%n", name.substring(name.lastIndexOf('.') + 1),
          s.getN(), s.getMean(), s.getPercentile(50), s.getPercentile(99), s.getPercentile(99.9), 1e6 / s.getMean());
    }
    if (args.length == 0 || "newShapeClassified".equals(args[0])) {
      ClassificationCpuTimes.print();
    }
  }
}
