package dev.witness.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every event type through a real registry and a real topic: produced by one process, consumed by another. */
class AvroEventSerdeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final String bootstrap = SharedKafka.bootstrap();
  private final EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);

  @AfterEach
  void stop() {
    registry.close();
  }

  @Test
  void everyEventTypeSurvivesProduceAndConsume() throws Exception {
    String topic = "it-serde-" + UUID.randomUUID();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }
    List<SpecificRecord> sent = EventExamples.all();

    // Producer and consumer each get their own client: the consumer learns schemas only by id.
    try (RestSchemaRegistryClient producerRegistry = new RestSchemaRegistryClient(registry.url(), TIMEOUT);
        KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new AvroEventSerializer<>(producerRegistry))) {
      for (SpecificRecord event : sent) {
        producer.send(new ProducerRecord<>(topic, "session-1", event)).get();
      }
    }

    List<SpecificRecord> received = new ArrayList<>();
    try (RestSchemaRegistryClient consumerRegistry = new RestSchemaRegistryClient(registry.url(), TIMEOUT);
        KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(), new AvroEventDeserializer<>(consumerRegistry, SpecificRecord.class))) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
          received.add(record.value());
        }
      }
      assertThat(consumerRegistry.subjects()).hasSize(10).allSatisfy(s -> assertThat(s).startsWith(topic + "-"));
    }

    assertThat(received).containsExactlyElementsOf(sent);
  }
}
