package dev.witness.streams.testing;

import static org.awaitility.Awaitility.await;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** What the integration test needs of Kafka: topics, a proxy-like producer and reply reader, the ledger. */
public final class ItKafka {

  private final String bootstrap;
  private final SchemaRegistryClient registry;
  private final List<ConsumerRecord<String, SpecificRecord>> replies = new ArrayList<>();
  private KafkaConsumer<String, SpecificRecord> replyConsumer;

  public ItKafka(String bootstrap, SchemaRegistryClient registry) {
    this.bootstrap = bootstrap;
    this.registry = registry;
  }

  /** Creates each topic with its partition count, keeping topics that exist. */
  public void createTopics(Map<String, Integer> partitions) throws InterruptedException, TimeoutException {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      List<NewTopic> topics = partitions.entrySet().stream()
          .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1)).toList();
      for (var result : admin.createTopics(topics).values().values()) {
        try {
          result.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(e.getCause());
          }
        }
      }
    }
  }

  /** A producer as the proxy configures it: durable writes, Avro values. */
  public Producer<String, SpecificRecord> producer() {
    return new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all",
        ProducerConfig.LINGER_MS_CONFIG, 0),
        new StringSerializer(), new AvroEventSerializer<>(registry));
  }

  public void send(Producer<String, SpecificRecord> producer, String topic, String key, SpecificRecord value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("send to " + topic + " failed", e);
    }
  }

  /** Waits for the reply of {@code type} to {@code requestId} on any partition of witness.replies. */
  public ConsumerRecord<String, SpecificRecord> awaitReply(String requestId, Class<?> type, Duration wait) {
    readRepliesUntil(() -> find(requestId, type).isPresent(), wait);
    return find(requestId, type).orElseThrow();
  }

  /** Waits for the first reply on any partition of witness.replies that {@code matches}. */
  public ConsumerRecord<String, SpecificRecord> awaitReplyMatching(
      java.util.function.Predicate<ConsumerRecord<String, SpecificRecord>> matches, Duration wait) {
    readRepliesUntil(() -> replies.stream().anyMatch(matches), wait);
    return replies.stream().filter(matches).findFirst().orElseThrow();
  }

  /** Reads witness.replies from the beginning of every partition (once) on, until {@code found}. */
  private void readRepliesUntil(BooleanSupplier found, Duration wait) {
    if (replyConsumer == null) {
      replyConsumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
          new StringDeserializer(), new AvroEventDeserializer<>(registry, SpecificRecord.class));
      List<TopicPartition> all = partitions(Topics.REPLIES.name(), replyConsumer);
      replyConsumer.assign(all);
      replyConsumer.seekToBeginning(all);
    }
    await().atMost(wait).pollInSameThread().pollInterval(Duration.ZERO).until(() -> {
      replyConsumer.poll(Duration.ofMillis(100)).forEach(replies::add);
      return found.getAsBoolean();
    });
  }

  /** Every committed ledger entry, by partition in offset order. */
  public Map<Integer, List<LedgerEntry>> readLedger() {
    Map<Integer, List<LedgerEntry>> chains = new TreeMap<>();
    try (KafkaConsumer<String, LedgerEntry> consumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new AvroEventDeserializer<>(registry, LedgerEntry.class))) {
      List<TopicPartition> all = partitions(Topics.LEDGER.name(), consumer);
      consumer.assign(all);
      consumer.seekToBeginning(all);
      Map<TopicPartition, Long> end = consumer.endOffsets(all);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100))
            .forEach(r -> chains.computeIfAbsent(r.partition(), p -> new ArrayList<>()).add(r.value()));
      }
    }
    return chains;
  }

  private Optional<ConsumerRecord<String, SpecificRecord>> find(String requestId, Class<?> type) {
    return replies.stream()
        .filter(r -> type.isInstance(r.value()) && requestId.equals(requestIdOf(r.value())))
        .findFirst();
  }

  private static String requestIdOf(SpecificRecord value) {
    Schema.Field field = value.getSchema().getField("requestId");
    return field == null ? null : String.valueOf(value.get(field.pos()));
  }

  private static List<TopicPartition> partitions(String topic, KafkaConsumer<?, ?> consumer) {
    int count = consumer.partitionsFor(topic).size();
    return IntStream.range(0, count).mapToObj(p -> new TopicPartition(topic, p)).toList();
  }
}
