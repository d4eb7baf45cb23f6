package dev.witness.schemas.registry.embedded;

import dev.witness.schemas.registry.RegistryErrorCode;
import dev.witness.schemas.registry.SchemaRegistryException;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry log in the compacted Kafka topic {@code _schemas}: one partition (one order of
 * registrations), written by an idempotent producer with {@code acks=all}.
 */
final class KafkaRegistryLog implements RegistryLog {

  private static final Logger log = LoggerFactory.getLogger(KafkaRegistryLog.class);
  private final String bootstrap;
  private final String topic;
  private final TopicPartition partition;
  private final Duration timeout;
  private final KafkaProducer<byte[], byte[]> producer;

  private KafkaRegistryLog(String bootstrap, String topic, Duration timeout) {
    this.bootstrap = bootstrap;
    this.topic = topic;
    this.partition = new TopicPartition(topic, 0);
    this.timeout = timeout;
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.CLIENT_ID_CONFIG, "witness-schema-registry",
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
        ProducerConfig.LINGER_MS_CONFIG, 0,
        ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) timeout.toMillis(),
        ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
        ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() * 2),
        new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** Creates {@code _schemas} if absent (or checks it is compacted with one partition) and opens it. */
  static KafkaRegistryLog open(String bootstrap, Duration timeout) {
    return open(bootstrap, Topics.SCHEMAS, timeout);
  }

  /** As {@link #open(String, Duration)} on another topic (tests keep the shared broker's {@code _schemas} intact). */
  static KafkaRegistryLog open(String bootstrap, String topic, Duration timeout) {
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "witness-schema-registry-admin",
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
      ensureTopic(admin, topic, timeout);
    }
    return new KafkaRegistryLog(bootstrap, topic, timeout);
  }

  @Override
  public List<RegistryLogRecord> replay() {
    List<RegistryLogRecord> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, "witness-schema-registry-replay",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
      long deadline = System.nanoTime() + timeout.multipliedBy(6).toNanos();
      while (consumer.position(partition, timeout) < end) {
        if (System.nanoTime() > deadline) {
          throw new SchemaRegistryException(RegistryErrorCode.OPERATION_TIMEOUT, "Replaying " + topic + " from "
              + bootstrap + " did not reach offset " + end + " within " + timeout.multipliedBy(6));
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          decode(record).ifPresent(records::add);
        }
      }
      log.info("schema registry log replayed topic={} offsets={} records={}", topic, end, records.size());
    }
    return records;
  }

  @Override
  public void append(RegistryLogRecord record) {
    try {
      producer.send(new ProducerRecord<>(topic, 0, RegistryLogCodec.key(record), RegistryLogCodec.value(record)))
          .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR, "Interrupted while writing to " + topic);
    } catch (TimeoutException e) {
      throw new SchemaRegistryException(RegistryErrorCode.OPERATION_TIMEOUT,
          "Write to " + topic + " at " + bootstrap + " not acknowledged within " + timeout.multipliedBy(2));
    } catch (ExecutionException e) {
      boolean timedOut = e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException;
      throw new SchemaRegistryException(timedOut ? RegistryErrorCode.OPERATION_TIMEOUT : RegistryErrorCode.STORE_ERROR,
          "Write to " + topic + " at " + bootstrap + " failed: " + e.getCause());
    } catch (RuntimeException e) {
      // send() itself throws on metadata timeouts and a closed producer.
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR,
          "Write to " + topic + " at " + bootstrap + " failed: " + e);
    }
  }

  @Override
  public void close() {
    producer.close(timeout);
  }

  private Optional<RegistryLogRecord> decode(ConsumerRecord<byte[], byte[]> record) {
    try {
      return RegistryLogCodec.decode(record.key(), record.value());
    } catch (IllegalArgumentException e) {
      log.warn("registry log entry skipped topic={} offset={} reason=\"{}\"", topic, record.offset(), e.getMessage());
      return Optional.empty();
    }
  }

  private static void ensureTopic(Admin admin, String topic, Duration timeout) {
    try {
      Set<String> names = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (names.contains(topic)) {
        checkTopic(admin, topic, timeout);
        return;
      }
      int brokers = admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      // As Confluent's registry: three replicas where the cluster has them, fewer on small clusters.
      short replicas = (short) Math.max(1, Math.min(3, brokers));
      NewTopic newTopic = new NewTopic(topic, 1, replicas)
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        log.info("topic created topic={} partitions=1 replicationFactor={} cleanupPolicy=compact", topic, replicas);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        // Another process created it between our list and create: fine, it is checked below.
        checkTopic(admin, topic, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR, "Interrupted while preparing topic " + topic);
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR,
          "Cannot prepare topic " + topic + " on Kafka (" + cause + "); check kafka.bootstrap and that the broker runs");
    }
  }

  private static void checkTopic(Admin admin, String topic, Duration timeout)
      throws InterruptedException, ExecutionException, TimeoutException {
    TopicDescription description;
    try {
      description = admin.describeTopics(List.of(topic)).allTopicNames()
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(topic);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UnknownTopicOrPartitionException) {
        throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR, "Topic " + topic + " vanished while starting");
      }
      throw e;
    }
    if (description.partitions().size() != 1) {
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR, "Topic " + topic + " has "
          + description.partitions().size() + " partitions; the registry log needs exactly 1 (recreate the topic)");
    }
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all()
        .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(resource);
    ConfigEntry policy = config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
    if (policy == null || !policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
      // With deletion, old registrations would age out and their ids be lost on the next restart.
      throw new SchemaRegistryException(RegistryErrorCode.STORE_ERROR, "Topic " + topic + " has cleanup.policy="
          + (policy == null ? "unknown" : policy.value()) + "; it must be compact so registrations are kept forever");
    }
    log.info("topic exists, left unchanged topic={}", topic);
  }
}
