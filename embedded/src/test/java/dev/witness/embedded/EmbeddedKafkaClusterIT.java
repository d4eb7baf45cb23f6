package dev.witness.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaClusterIT {

  private static final String TOPIC = "cluster-it";

  @Test
  void keepsAcceptingDurableWritesWithOneNodeDownAndTakesItBack(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.start(dir, 3)) {
      assertThat(cluster.bootstrap().split(",")).hasSize(3);
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", cluster.bootstrap()))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(3), Optional.empty()))).all().get(60, TimeUnit.SECONDS);
        TopicDescription topic = admin.describeTopics(List.of(TOPIC)).allTopicNames().get(30, TimeUnit.SECONDS).get(TOPIC);
        assertThat(topic.partitions()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, TOPIC);
        Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
        assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
      }
      try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", cluster.bootstrap(),
          "acks", "all", "delivery.timeout.ms", 120_000), new StringSerializer(), new StringSerializer())) {
        for (int i = 0; i < 3; i++) {
          producer.send(new ProducerRecord<>(TOPIC, i, "k", "before-" + i)).get(60, TimeUnit.SECONDS);
        }

        cluster.stop(2);
        assertThat(cluster.isRunning(2)).isFalse();
        // Two in-sync replicas remain: acks=all writes still succeed once leaders moved off node 2.
        for (int i = 0; i < 3; i++) {
          producer.send(new ProducerRecord<>(TOPIC, i, "k", "during-" + i)).get(90, TimeUnit.SECONDS);
        }

        cluster.restart(2);
        cluster.awaitBrokers(3, Duration.ofSeconds(90));
        assertThat(cluster.isRunning(2)).isTrue();
        for (int i = 0; i < 3; i++) {
          producer.send(new ProducerRecord<>(TOPIC, i, "k", "after-" + i)).get(60, TimeUnit.SECONDS);
        }
      }
      assertThat(readAll(cluster.bootstrap())).hasSize(9)
          .contains("before-0", "during-1", "after-2");
    }
  }

  private static List<String> readAll(String bootstrap) {
    List<String> values = new ArrayList<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new StringDeserializer())) {
      List<TopicPartition> partitions = List.of(0, 1, 2).stream().map(p -> new TopicPartition(TOPIC, p)).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.size() < 9 && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
    }
    return values;
  }
}
