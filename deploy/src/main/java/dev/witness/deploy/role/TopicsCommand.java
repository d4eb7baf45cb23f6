package dev.witness.deploy.role;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code witness topics}: managing the Witness topics of a Kafka cluster. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Manages the Witness topics of the Kafka cluster in witness.yaml.",
    subcommands = TopicsCreateCommand.class)
public final class TopicsCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
