package dev.witness.deploy.role;

import dev.witness.connectors.slack.SlackApprovals;
import dev.witness.deploy.metrics.IngestMeters;
import dev.witness.deploy.standalone.ConnectionPools;
import dev.witness.deploy.standalone.EvidenceRuntime;
import dev.witness.deploy.standalone.ShutdownStack;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import java.io.IOException;
import java.io.PrintWriter;
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
        "(evidence.jdbcUrl) of witness.yaml; /metrics is served on evidence.listen.",
        "Slack approvals run here when approvals.slack is configured. SIGTERM stops it cleanly."})
public final class EvidenceApiCommand implements Callable<Integer> {

  /** Where the evidence API serves Prometheus metrics, next to its own /healthz and /readyz. */
  static final String METRICS_PATH = "/metrics";

  @Mixin RoleOptions options;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WitnessConfig config = options.load(Role.EVIDENCE_API);
    PrintWriter out = spec.commandLine().getOut();
    TrustedKeys trustedKeys = trustedKeys(config);
    ShutdownStack stack = new ShutdownStack();
    try {
      ProcessMetrics metrics = stack.push("metrics", new ProcessMetrics(Role.EVIDENCE_API.command()));
      TopicCheck.requireProvisioned(config.kafka());
      String password = config.evidence().passwordFromEnv() == null ? null
          : System.getenv(config.evidence().passwordFromEnv());
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
      out.println("witness evidence-api: ready url=" + evidence.url() + " trustedKeys=" + trustedKeys.keyIds());
      out.flush();
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
    return RoleProcess.runUntilStopped(Role.EVIDENCE_API.command(), stack, out);
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
