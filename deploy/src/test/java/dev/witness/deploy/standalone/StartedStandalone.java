package dev.witness.deploy.standalone;

import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.WitnessConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A standalone Witness an integration test started on a fresh temporary data directory, with the
 * banner it printed while starting.
 */
record StartedStandalone(Standalone witness, String banner, Path dataDir) {

  /** Starts {@code config} ephemerally in a new directory named after {@code name}. */
  static StartedStandalone start(WitnessConfig config, String name) throws IOException {
    Path dir = ScratchDirectory.deletedOnExit("witness-" + name);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Standalone witness = Standalone.start(config, StandaloneOptions.ephemeral(dir),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return new StartedStandalone(witness, out.toString(StandardCharsets.UTF_8), dir);
  }

  /** The evidence API as the demo auditor sees it. */
  EvidenceClient auditor() {
    return new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().auditorToken());
  }

  /** The evidence API as the demo approver sees it. */
  EvidenceClient approver() {
    return new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().approverToken());
  }
}
