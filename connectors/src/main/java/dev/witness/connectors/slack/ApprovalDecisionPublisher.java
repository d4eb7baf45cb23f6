package dev.witness.connectors.slack;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes approvers' votes to {@code witness.approval-decisions}, keyed by approval id, and returns
 * only once Kafka has acknowledged them (acks=all), so no click is confirmed that was not recorded.
 */
public final class ApprovalDecisionPublisher implements AutoCloseable {

  private final Producer<String, ApprovalDecision> producer;
  private final Duration timeout;

  public ApprovalDecisionPublisher(String bootstrap, SchemaRegistryClient registry, Duration timeout) {
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(producerSettings(bootstrap, timeout, "witness-slack-decisions"),
        new StringSerializer(), AvroEventSerde.forTopic(registry, Topics.APPROVAL_DECISIONS).serializer());
  }

  /** A durable, idempotent producer that gives up after {@code timeout}. */
  static Map<String, Object> producerSettings(String bootstrap, Duration timeout, String clientId) {
    int ms = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // delivery.timeout.ms must be >= linger.ms + request.timeout.ms, so both follow the timeout.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, ms);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, ms);
    // send() blocks for metadata while the broker is unreachable; bound that too.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ms);
    return p;
  }

  /**
   * Records one decision.
   *
   * @throws DecisionNotRecordedException when Kafka did not acknowledge it within the timeout
   */
  public void publish(ApprovalDecision decision) {
    try {
      producer.send(new ProducerRecord<>(Topics.APPROVAL_DECISIONS.name(), decision.getApprovalId(), decision))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new DecisionNotRecordedException(e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new DecisionNotRecordedException("no acknowledgement from Kafka within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DecisionNotRecordedException("interrupted", e);
    } catch (org.apache.kafka.common.KafkaException e) {
      // send() itself throws when metadata cannot be fetched within max.block.ms.
      throw new DecisionNotRecordedException(e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
