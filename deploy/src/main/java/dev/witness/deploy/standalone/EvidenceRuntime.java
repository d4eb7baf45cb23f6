package dev.witness.deploy.standalone;

import dev.witness.connectors.slack.SlackHttpResponse;
import dev.witness.connectors.slack.SlackInteractionHandler;
import dev.witness.evidence.EvidenceService;
import dev.witness.evidence.ingest.IngestStatus;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.registry.SchemaRegistryClient;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The evidence service (ledger and checkpoint ingest, auditor and approver API) as standalone
 * runs it, with Slack's interactivity endpoint mounted when Slack approvals are configured.
 */
public final class EvidenceRuntime implements AutoCloseable {

  /** Where Slack posts button clicks and modal submissions (the app's interactivity request URL). */
  static final String SLACK_EVENTS_PATH = "/slack/events";

  private final EvidenceService service;

  private EvidenceRuntime(EvidenceService service) {
    this.service = service;
  }

  static EvidenceRuntime start(WitnessConfig config, DataSource evidenceDb, SchemaRegistryClient registry,
      SigningKey signingKey, Optional<SlackInteractionHandler> slack, Consumer<Javalin> extraRoutes) {
    return start(config, evidenceDb, registry, trustedKeys(config, signingKey), slack, extraRoutes);
  }

  /**
   * Starts the evidence service trusting {@code trustedKeys} (the evidence-api role has only
   * public keys); {@code extraRoutes} adds routes such as {@code /metrics} before it binds.
   */
  public static EvidenceRuntime start(WitnessConfig config, DataSource evidenceDb, SchemaRegistryClient registry,
      TrustedKeys trustedKeys, Optional<SlackInteractionHandler> slack, Consumer<Javalin> extraRoutes) {
    return new EvidenceRuntime(EvidenceService.start(config.evidence(), evidenceDb, config.kafka().bootstrap(),
        Map.of(), registry, config.apiUsers(), trustedKeys,
        app -> {
          slack.ifPresent(handler -> mountSlack(app, handler));
          extraRoutes.accept(app);
        }));
  }

  /** The current signing key and every earlier one the configuration still trusts. */
  static TrustedKeys trustedKeys(WitnessConfig config, SigningKey signingKey) {
    List<PublicKey> keys = new ArrayList<>();
    keys.add(signingKey.publicKey());
    try {
      for (String file : config.evidence().trustedKeyFiles()) {
        keys.add(SigningKeys.readPublicKey(Path.of(file)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("evidence.trustedKeyFiles: cannot read a public key file", e);
    }
    return TrustedKeys.of(keys);
  }

  private static void mountSlack(Javalin app, SlackInteractionHandler handler) {
    app.post(SLACK_EVENTS_PATH, ctx -> {
      // The signature covers the raw body and Slack's headers exactly as sent.
      Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      ctx.headerMap().forEach((name, value) -> headers.put(name, List.of(value)));
      SlackHttpResponse response = handler.handle(ctx.method().name(), ctx.path(), ctx.queryString(), headers, ctx.body());
      response.headers().forEach((name, values) -> values.forEach(v -> ctx.res().addHeader(name, v)));
      ctx.status(response.status()).contentType(response.contentType()).result(response.body());
    });
  }

  /** The ledger ingestor's state, counters and lag (metrics). */
  public IngestStatus ingestStatus() {
    return service.ingestStatus();
  }

  public String url() {
    return "http://" + service.address().host() + ":" + service.port();
  }

  @Override
  public void close() {
    service.close();
  }
}
