package dev.witness.deploy.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code witness bench}: benchmarks that print figures against a direct connection. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks (figures, not tests).",
    subcommands = {HttpBenchCommand.class, PostgresBenchCommand.class, VerifyBenchCommand.class, McpBenchCommand.class,
        KafkaFloorBenchCommand.class})
public final class BenchCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
