package dev.witness.evidence.approval;

import dev.witness.evidence.ErrorText;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes API decisions with a durable, idempotent producer ({@code acks=all}). This is the
 * evidence API's only write to Kafka (ARCHITECTURE.md, "Modules").
 */
public final class KafkaDecisionPublisher implements DecisionPublisher {

  /** How long one decision may take to be acknowledged before the caller is told it was not recorded. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = LoggerFactory.getLogger(KafkaDecisionPublisher.class);

  private final Producer<String, ApprovalDecision> producer;
  private final Duration timeout;

  private KafkaDecisionPublisher(Producer<String, ApprovalDecision> producer, Duration timeout) {
    this.producer = producer;
    this.timeout = timeout;
  }

  /**
   * A publisher to {@code bootstrap}; connects lazily, so it starts even while Kafka is down.
   *
   * @param overrides extra producer settings (security); they win over the defaults
   */
  public static KafkaDecisionPublisher create(String bootstrap, SchemaRegistryClient registry, Duration timeout,
      Map<String, Object> overrides) {
    Map<String, Object> config = config(bootstrap, timeout);
    config.putAll(overrides);
    return new KafkaDecisionPublisher(
        new KafkaProducer<>(config, new StringSerializer(), new AvroEventSerializer<>(registry)), timeout);
  }

  /** The producer settings: durable, idempotent, and bounded by {@code timeout} in every wait. */
  static Map<String, Object> config(String bootstrap, Duration timeout) {
    int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "witness-evidence-decisions");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // delivery.timeout.ms must be >= linger.ms + request.timeout.ms; a failed record is then final
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    // send() blocks for metadata while the broker is unreachable; bound that too
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    return p;
  }

  @Override
  public void publish(ApprovalDecision decision) {
    try {
      // Wait past delivery.timeout.ms: by then the producer has either an acknowledgement or a final failure.
      producer.send(new ProducerRecord<>(Topics.APPROVAL_DECISIONS.name(), decision.getApprovalId(), decision))
          .get(timeout.toMillis() + timeout.toMillis() / 2 + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw notRecorded(decision, e);
    } catch (ExecutionException e) {
      throw notRecorded(decision, e.getCause());
    } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
      throw notRecorded(decision, e);
    }
  }

  private static DecisionNotRecorded notRecorded(ApprovalDecision decision, Throwable cause) {
    LOG.warn("approval decision not recorded approvalId={} decisionId={} error={}", decision.getApprovalId(),
        decision.getDecisionId(), ErrorText.of(cause));
    return new DecisionNotRecorded("Kafka did not acknowledge the decision", cause);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
