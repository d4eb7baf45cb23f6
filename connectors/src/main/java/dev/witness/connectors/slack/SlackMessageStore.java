package dev.witness.connectors.slack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which Slack message shows which open approval, in a compacted Kafka topic keyed by
 * approval id, so a restarted (or another) notifier still updates the messages posted before.
 * A finished approval's entry is deleted with a tombstone, so the topic holds open approvals only.
 */
public final class SlackMessageStore implements AutoCloseable {

  /** The default topic; connector-private (not evidence), JSON values. */
  public static final String DEFAULT_TOPIC = "witness.slack-messages";

  private static final Logger log = LoggerFactory.getLogger(SlackMessageStore.class);
  private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

  private final String bootstrap;
  private final String topic;
  private final Duration timeout;
  private final Producer<String, String> producer;
  private final Map<String, SlackMessageRef> refs = new ConcurrentHashMap<>();

  public SlackMessageStore(Map<String, Object> producerSettings, String bootstrap, String topic, Duration timeout) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(producerSettings, new StringSerializer(), new StringSerializer());
  }

  /** Creates the compacted topic if it is missing; an existing topic is left as it is. */
  public void createTopicIfMissing(Admin admin, short replicationFactor) {
    NewTopic spec = new NewTopic(topic, 1, replicationFactor)
        .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(spec)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("topic created topic={} cleanupPolicy=compact", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("Cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException("Cannot create topic " + topic + ": no answer from Kafka at " + bootstrap
          + " within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + topic, e);
    }
  }

  /** Replaces what is remembered with the topic's whole content, read up to its current end. */
  public void load() {
    Map<String, SlackMessageRef> loaded = new HashMap<>();
    Map<String, Object> settings = new HashMap<>();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "witness-slack-store-loader");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
      long deadline = System.nanoTime() + timeout.toNanos() * 4;
      while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("Cannot read topic " + topic + " to its end within " + timeout.multipliedBy(4));
        }
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          if (r.value() == null) {
            loaded.remove(r.key());
          } else {
            decode(r.key(), r.value()).ifPresent(ref -> loaded.put(r.key(), ref));
          }
        }
      }
    }
    refs.clear();
    refs.putAll(loaded);
    log.info("slack message refs loaded topic={} open={}", topic, loaded.size());
  }

  public Optional<SlackMessageRef> get(String approvalId) {
    return Optional.ofNullable(refs.get(approvalId));
  }

  /** Durably remembers a posted message (acks=all) before it is used. */
  public void put(String approvalId, SlackMessageRef ref) {
    String value;
    try {
      value = JSON.writeValueAsString(ref);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode message ref", e);
    }
    write(approvalId, value);
    refs.put(approvalId, ref);
  }

  /** Forgets a finished approval's message. */
  public void remove(String approvalId) {
    write(approvalId, null);
    refs.remove(approvalId);
  }

  private void write(String approvalId, String value) {
    try {
      producer.send(new ProducerRecord<>(topic, approvalId, value)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new StoreUnavailableException("Cannot write to " + topic + ": " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("Cannot write to " + topic + ": no ack within " + timeout, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("Interrupted while writing to " + topic, e);
    }
  }

  private Optional<SlackMessageRef> decode(String approvalId, String value) {
    try {
      return Optional.of(JSON.readValue(value, SlackMessageRef.class));
    } catch (JsonProcessingException e) {
      log.warn("unreadable slack message ref skipped topic={} approvalId={} error={}", topic, approvalId, e.getOriginalMessage());
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }

  /** Kafka did not take a write in time. */
  public static final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreUnavailableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
