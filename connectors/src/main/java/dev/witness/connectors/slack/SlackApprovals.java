package dev.witness.connectors.slack;

import dev.witness.schemas.config.SlackApprovalsConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Slack approvals connector, wired from {@code witness.yaml}: the notifier that posts and
 * updates approval messages, and the handler the evidence API mounts for Slack's interactivity
 * requests. Start it with {@link #start}; close it on shutdown.
 */
public final class SlackApprovals implements AutoCloseable {

  /** How long an approver's click waits for Kafka; Slack itself gives up after 3 s. */
  public static final Duration DECISION_TIMEOUT = Duration.ofMillis(2500);

  private static final Logger log = LoggerFactory.getLogger(SlackApprovals.class);

  private final SlackWebApi slack;
  private final SlackMessageStore store;
  private final SlackApprovalNotifier notifier;
  private final ApprovalDecisionPublisher publisher;
  private final SlackInteractionHandler handler;

  private SlackApprovals(SlackWebApi slack, SlackMessageStore store, SlackApprovalNotifier notifier,
      ApprovalDecisionPublisher publisher, SlackInteractionHandler handler) {
    this.slack = slack;
    this.store = store;
    this.notifier = notifier;
    this.publisher = publisher;
    this.handler = handler;
  }

  /**
   * Starts the connector when {@code approvals.slack} is configured: creates the connector's
   * compacted topic if missing, reads the places of open approval messages from it, starts the
   * notifier thread and builds the interaction handler.
   *
   * @return empty when Slack is not configured
   * @throws dev.witness.schemas.config.ConfigException when a secret cannot be read
   */
  public static Optional<SlackApprovals> start(WitnessConfig config, SchemaRegistryClient registry) {
    SlackApprovalsConfig slackConfig = config.approvals().slack();
    if (slackConfig == null) {
      return Optional.empty();
    }
    String bootstrap = config.kafka().bootstrap();
    return Optional.of(start(slackConfig, bootstrap, config.kafka().replicationFactor(), registry,
        SlackMessageStore.DEFAULT_TOPIC, Clock.systemUTC(), Duration.ofSeconds(1)));
  }

  /** Starts the connector against explicit settings (tests use their own topic and backoff). */
  static SlackApprovals start(SlackApprovalsConfig c, String bootstrap, short replicationFactor,
      SchemaRegistryClient registry, String storeTopic, Clock clock, Duration initialBackoff) {
    String botToken = c.resolveBotToken();
    String signingSecret = c.resolveSigningSecret();
    SlackWebApi slack = new SlackWebApi(c.apiUrl(), botToken);
    Duration kafkaTimeout = Duration.ofSeconds(10);
    SlackMessageStore store = new SlackMessageStore(
        ApprovalDecisionPublisher.producerSettings(bootstrap, kafkaTimeout, "witness-slack-store"),
        bootstrap, storeTopic, kafkaTimeout);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      store.createTopicIfMissing(admin, replicationFactor);
    }
    store.load();
    SlackApprovalNotifier notifier =
        new SlackApprovalNotifier(bootstrap, registry, store, slack, c.channel(), clock, initialBackoff);
    ApprovalDecisionPublisher publisher = new ApprovalDecisionPublisher(bootstrap, registry, DECISION_TIMEOUT);
    SlackInteractionHandler handler = new SlackInteractionHandler(signingSecret, botToken, slack, publisher, clock);
    notifier.start();
    log.info("slack approvals started channel={} apiUrl={} storeTopic={}", c.channel(), c.apiUrl(), storeTopic);
    return new SlackApprovals(slack, store, notifier, publisher, handler);
  }

  /** The handler to mount on the evidence API for Slack's interactivity request URL. */
  public SlackInteractionHandler interactionHandler() {
    return handler;
  }

  @Override
  public void close() {
    notifier.close();
    handler.close();
    publisher.close();
    store.close();
    slack.close();
  }
}
