package dev.witness.deploy.role;

import com.zaxxer.hikari.HikariDataSource;
import dev.witness.connectors.slack.SlackApprovals;
import dev.witness.deploy.metrics.IngestMeters;
import dev.witness.deploy.standalone.ConnectionPools;
import dev.witness.deploy.standalone.EvidenceRuntime;
import dev.witness.evidence.store.ApplicationRole;
import dev.witness.evidence.store.StoreMigrations;
import dev.witness.schemas.config.EvidenceConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code witness evidence-api}: ledger and checkpoint ingest into PostgreSQL and the auditor and
 * approver REST API, with {@code /healthz}, {@code /readyz} and {@code /metrics} on its own port.
 */
@Command(
    name = "evidence-api",
    mixinStandardHelpOptions = true,
    description = {
        "Runs the evidence service against the Kafka cluster and the PostgreSQL database",
        "(evidence.jdbcUrl) of witness.yaml; /metrics is served on evidence.listen. With",
        "evidence.ownerUser it migrates as that owner and serves as evidence.user (INSERT/SELECT only).",
        "Slack approvals run here when approvals.slack is configured. SIGTERM stops it cleanly."})
public final class EvidenceApiCommand implements Callable<Integer> {

  /** Where the evidence API serves Prometheus metrics, next to its own /healthz and /readyz. */
  static final String METRICS_PATH = "/metrics";

  @Mixin RoleOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WitnessConfig config = options.load(Role.EVIDENCE_API);
    TrustedKeys trustedKeys = trustedKeys(config);
    return RoleProcess.run(Role.EVIDENCE_API, spec.commandLine().getOut(), (stack, metrics) -> {
      TopicCheck.requireProvisioned(config.kafka());
      String password = config.evidence().passwordFromEnv() == null ? null
          : System.getenv(config.evidence().passwordFromEnv());
      migrateAsOwner(config.evidence(), password);
      DataSource pool = stack.push("evidence-pool", ConnectionPools.create("evidence", config.evidence().jdbcUrl(),
          config.evidence().user(), password, 8));
      RestSchemaRegistryClient registry = stack.push("registry-client",
          new RestSchemaRegistryClient(config.schemaRegistry().url(), Duration.ofSeconds(10)));
      Optional<SlackApprovals> slack = SlackApprovals.start(config, registry);
      slack.ifPresent(s -> stack.push("slack-approvals", s));
      EvidenceRuntime evidence = stack.push("evidence-api", EvidenceRuntime.start(config, pool, registry, trustedKeys,
          slack.map(SlackApprovals::interactionHandler),
          app -> app.get(METRICS_PATH, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
              .result(metrics.scrape()))));
      metrics.bind(new IngestMeters(evidence::ingestStatus));
      return "url=" + evidence.url() + " trustedKeys=" + trustedKeys.keyIds();
    });
  }

  /**
   * With {@code evidence.ownerUser}: migrates the store as that owner and grants {@code evidence.user}
   * INSERT and SELECT only ({@link ApplicationRole}), creating it with {@code appPassword} if it does
   * not exist; the API and ingest then run as the application role, as in standalone.
   */
  private static void migrateAsOwner(EvidenceConfig evidence, String appPassword) {
    if (evidence.ownerUser() == null) {
      return;
    }
    String ownerPassword = null;
    if (evidence.ownerPasswordFromEnv() != null) {
      ownerPassword = System.getenv(evidence.ownerPasswordFromEnv());
      if (ownerPassword == null) {
        throw new IllegalArgumentException("evidence.ownerPasswordFromEnv: environment variable "
            + evidence.ownerPasswordFromEnv() + " is not set; export it with the schema owner's password");
      }
    }
    try (HikariDataSource owner = ConnectionPools.create("evidence-owner", evidence.jdbcUrl(), evidence.ownerUser(),
        ownerPassword, 2)) {
      StoreMigrations.migrate(owner);
      ApplicationRole.grant(owner, evidence.user(), appPassword);
    }
  }

  private static TrustedKeys trustedKeys(WitnessConfig config) {
    try {
      return TrustedKeys.fromFiles(config.evidence().trustedKeyFiles().stream().map(Path::of).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("evidence.trustedKeyFiles: cannot read a public key ("
          + e.getMessage() + "); each file must be an Ed25519 public key in PEM", e);
    }
  }
}
