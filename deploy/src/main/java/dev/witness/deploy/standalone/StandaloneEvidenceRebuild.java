package dev.witness.deploy.standalone;

import dev.witness.embedded.EmbeddedKafkaBroker;
import dev.witness.embedded.EmbeddedPostgresServer;
import dev.witness.evidence.rebuild.EvidenceRebuild;
import dev.witness.evidence.rebuild.RebuildProgress;
import dev.witness.evidence.rebuild.RebuildResult;
import dev.witness.schemas.config.CheckpointConfig;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Re-materializes a stopped standalone's evidence database from its ledger: starts only the
 * embedded broker, registry and evidence PostgreSQL of the data dir, rebuilds, stops them.
 */
public final class StandaloneEvidenceRebuild {

  private StandaloneEvidenceRebuild() {}

  /**
   * Rebuilds the evidence store of {@code dataDir}; standalone must not be running on it.
   *
   * @throws IllegalArgumentException when {@code dataDir} holds no standalone state
   */
  public static RebuildResult run(Path dataDir, Consumer<RebuildProgress> progress) throws IOException {
    DataDirectory dir = new DataDirectory(dataDir.toAbsolutePath());
    if (!Files.isDirectory(dir.kafka()) || !Files.isDirectory(dir.evidencePostgres())) {
      throw new IllegalArgumentException(dataDir + " holds no standalone ledger and evidence store; "
          + "pass the --data-dir witness standalone used");
    }
    TrustedKeys keys = TrustedKeys.of(SigningKeys.configured(CheckpointConfig.defaults(), dir.root()).publicKey());
    try (ShutdownStack stack = new ShutdownStack()) {
      EmbeddedPostgresServer evidencePg = stack.push("evidence-postgres", EmbeddedPostgresServer.start(dir.evidencePostgres(), 0));
      EmbeddedKafkaBroker broker = stack.push("kafka", EmbeddedKafkaBroker.start(dir.kafka(), 0));
      RegistryRuntime registry = stack.push("schema-registry", RegistryRuntime.start(broker.bootstrap(), "127.0.0.1", 0));
      return EvidenceRebuild.run(evidencePg.dataSource("witness"), broker.bootstrap(), Map.of(), registry.client(), keys, progress);
    }
  }
}
