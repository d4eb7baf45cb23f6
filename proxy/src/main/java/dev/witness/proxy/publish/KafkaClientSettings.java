package dev.witness.proxy.publish;

import dev.witness.schemas.topic.Topics;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The client settings the proxy's producer and reply consumer need, in one place (public for
 * {@code witness bench kafka}, which measures the round-trip floor with exactly these settings).
 */
public final class KafkaClientSettings {

  /** Upper bound of one record; the broker's message.max.bytes still applies. */
  static final int MAX_REQUEST_SIZE = Topics.MAX_MESSAGE_BYTES;

  private KafkaClientSettings() {}

  /** A durable, idempotent producer that gives up after {@code produceTimeout}. */
  public static Map<String, Object> producer(String bootstrap, Duration produceTimeout, String clientId) {
    int timeoutMs = (int) Math.max(1, Math.min(Integer.MAX_VALUE, produceTimeout.toMillis()));
    Map<String, Object> p = new HashMap<>();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Latency first: a request waits for this write, so never linger.
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // delivery.timeout.ms must be >= linger.ms + request.timeout.ms, so both follow produceTimeout.
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
    // send() blocks for metadata when the broker is unreachable; bound that too.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_SIZE);
    return p;
  }

  /** A group-less consumer of one assigned partition that starts at the end. */
  public static Map<String, Object> replyConsumer(String bootstrap, String clientId) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    c.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * MAX_REQUEST_SIZE);
    c.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, MAX_REQUEST_SIZE);
    return c;
  }
}
