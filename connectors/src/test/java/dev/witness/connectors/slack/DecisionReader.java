package dev.witness.connectors.slack;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads {@code witness.approval-decisions} from the beginning, in partition order. */
final class DecisionReader implements AutoCloseable {

  private final KafkaConsumer<String, ApprovalDecision> consumer;
  private final List<ConsumerRecord<String, ApprovalDecision>> seen = new ArrayList<>();

  DecisionReader(String bootstrap, SchemaRegistryClient registry) {
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new StringDeserializer(), AvroEventSerde.forTopic(registry, Topics.APPROVAL_DECISIONS).deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPROVAL_DECISIONS.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /** The first decision recorded for this approval, waiting for it if needed. */
  synchronized ApprovalDecision first(String approvalId) {
    return Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      return seen.stream().filter(r -> approvalId.equals(r.key())).map(ConsumerRecord::value).findFirst();
    }, java.util.Optional::isPresent).orElseThrow();
  }

  @Override
  public synchronized void close() {
    consumer.close();
  }
}
