package dev.witness.deploy.evidence;

import dev.witness.deploy.standalone.StandaloneEvidenceRebuild;
import dev.witness.evidence.rebuild.RebuildResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code witness evidence ...}: maintenance of the evidence store. */
@Command(name = "evidence", mixinStandardHelpOptions = true, description = "Maintain the evidence store.",
    subcommands = EvidenceCommand.Rebuild.class)
public final class EvidenceCommand implements Runnable {

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Drops the evidence database and re-materializes it from the ledger topic. */
  @Command(name = "rebuild", mixinStandardHelpOptions = true,
      description = "Drop the evidence database of a stopped standalone and re-materialize it from the ledger topic.")
  static final class Rebuild implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", defaultValue = "witness-data", description = "The standalone data dir (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--yes", description = "Do not ask: the evidence tables are dropped before they are rebuilt.")
    boolean yes;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      if (!yes) {
        err.println("witness evidence rebuild drops every evidence table in " + dataDir
            + " and re-reads the ledger; stop witness standalone first, then run again with --yes");
        return 2;
      }
      try {
        RebuildResult result = StandaloneEvidenceRebuild.run(dataDir, p -> {
          err.printf("\r%-11s %,d/%,d records (%.0f/s, eta %d s)   ", p.phase(), p.records(), p.total(), p.perSecond(), p.etaSeconds());
          err.flush();
        });
        err.println();
        out.printf("rebuilt in %.1f s: %,d ledger records (%,d inserted, %,d duplicates, %,d chain breaks), "
                + "%,d checkpoints stored, %,d rejected%n", result.took().toMillis() / 1000.0, result.ledgerRecords(),
            result.ledgerInserted(), result.duplicates(), result.chainBreaks(), result.checkpointsStored(),
            result.checkpointsRejected());
        out.flush();
        return result.chainBreaks() == 0 && result.checkpointsRejected() == 0 ? 0 : 1;
      } catch (IllegalArgumentException e) {
        err.println("witness evidence rebuild: " + e.getMessage());
        return 2;
      }
    }
  }
}
