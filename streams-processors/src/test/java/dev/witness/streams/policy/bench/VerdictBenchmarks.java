package dev.witness.streams.policy.bench;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Runs {@link VerdictBenchmark} and prints microseconds per verdict and verdicts per second per core. */
public final class VerdictBenchmarks {

  private VerdictBenchmarks() {}

  public static void main(String[] args) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(VerdictBenchmark.class.getName() + "." + (args.length > 0 ? args[0] : ""))
        .verbosity(VerboseMode.SILENT)
        .build();
    System.out.printf("%-30s %10s %10s %12s%n", "benchmark", "us/op", "+/- us", "ops/s");
    for (RunResult r : new Runner(options).run()) {
      String name = r.getParams().getBenchmark();
      double micros = r.getPrimaryResult().getScore();
      System.out.printf("%-30s %10.1f %10.1f %12.0f%n", name.substring(name.lastIndexOf('.') + 1), micros,
          r.getPrimaryResult().getScoreError(), 1e6 / micros);
    }
  }
}
