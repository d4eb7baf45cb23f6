package dev.witness.streams.masking.bench;

import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link MaskingBenchmark} and prints, per workload, milliseconds per operation and MB/s
 * (JMH reports only time; the byte counts of the inputs turn it into throughput per core).
 * An optional argument restricts the run to benchmarks matching that regular expression.
 */
public final class MaskingBenchmarks {

  private MaskingBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    Map<String, Long> bytes = Map.of(
        "sqlResultSet1000x10", (long) MaskingWorkloads.resultSet().length,
        "corpus", MaskingWorkloads.corpus().bytes(),
        "json100Kb", (long) MaskingWorkloads.jsonDocument().length);
    Options options = new OptionsBuilder()
        .include(MaskingBenchmark.class.getName() + "." + (args.length > 0 ? args[0] : ""))
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
}
