package dev.witness.connectors.webhook;

import dev.witness.schemas.config.WebhookApprovalsConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The generic webhook connector, wired from {@code approvals.webhook} in {@code witness.yaml}. */
public final class WebhookApprovals {

  private static final Logger log = LoggerFactory.getLogger(WebhookApprovals.class);

  private WebhookApprovals() {}

  /**
   * Starts the webhook notifier when {@code approvals.webhook} is configured; close it on shutdown.
   *
   * @return empty when no webhook is configured
   * @throws dev.witness.schemas.config.ConfigException when the secret cannot be read
   */
  public static Optional<WebhookApprovalNotifier> start(WitnessConfig config, SchemaRegistryClient registry) {
    WebhookApprovalsConfig webhook = config.approvals().webhook();
    if (webhook == null) {
      return Optional.empty();
    }
    WebhookApprovalNotifier notifier = new WebhookApprovalNotifier(config.kafka().bootstrap(), registry,
        URI.create(webhook.url()), webhook.resolveSecret(), webhook.timeout(), Clock.systemUTC(), Duration.ofSeconds(1));
    notifier.start();
    // Only the host: webhook URLs often carry a token in their path.
    URI uri = URI.create(webhook.url());
    log.info("approval webhook started host={}", uri.getScheme() + "://" + uri.getAuthority());
    return Optional.of(notifier);
  }
}
