package dev.witness.deploy;

import dev.witness.deploy.approvals.ApprovalsCommand;
import dev.witness.deploy.bench.BenchCommand;
import dev.witness.deploy.bridge.McpBridgeCommand;
import dev.witness.deploy.cluster.ClusterTestCommand;
import dev.witness.deploy.evidence.EvidenceCommand;
import dev.witness.deploy.evidence.ReplayCommand;
import dev.witness.deploy.evidence.VerifyCommand;
import dev.witness.deploy.keys.RawKeysCommand;
import dev.witness.deploy.role.EvidenceApiCommand;
import dev.witness.deploy.role.ProxyCommand;
import dev.witness.deploy.role.StreamsCommand;
import dev.witness.deploy.role.TopicsCommand;
import dev.witness.deploy.siem.SiemTailCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code witness} launcher: one binary for standalone and for each distributed role. */
@Command(
    name = "witness",
    mixinStandardHelpOptions = true,
    versionProvider = WitnessVersion.class,
    description = "Audit and control gateway for AI agents.",
    subcommands = {StandaloneCommand.class, ApprovalsCommand.class, ReplayCommand.class, VerifyCommand.class,
        EvidenceCommand.class, SiemTailCommand.class, BenchCommand.class, ClusterTestCommand.class,
        ProxyCommand.class, StreamsCommand.class, EvidenceApiCommand.class, TopicsCommand.class, McpBridgeCommand.class,
        RawKeysCommand.class, CommandLine.HelpCommand.class})
public final class WitnessCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line; tests execute it in-process. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new WitnessCommand()).setExecutionExceptionHandler(new LauncherErrorHandler());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
