package dev.witness.connectors.siem;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Tailing the feed on the real embedded broker, as {@code witness siem tail} does. */
class OcsfFeedIT {

  @Test
  void tailsFromTheBeginningFilteredByClassWithoutAConsumerGroup() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    createFeedTopic(bootstrap);
    String marker = UUID.randomUUID().toString();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), new StringSerializer())) {
      for (int classUid : new int[] {6005, 4002, 6005, 3002}) {
        producer.send(new ProducerRecord<>(Topics.SIEM_OCSF, "s-" + marker,
            "{\"class_uid\":" + classUid + ",\"marker\":\"" + marker + "\"}")).get(30, TimeUnit.SECONDS);
      }
    }

    List<String> lines = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    try (OcsfFeed feed = new OcsfFeed(bootstrap)) {
      // Earlier tests may have written to the feed too: read until this test's two 6005 events are seen.
      feed.tail(bootstrap, true, Set.of(6005), 0, line -> {
        if (line.contains(marker)) {
          lines.add(line);
        }
      }, () -> lines.size() >= 2 || System.nanoTime() > deadline);
    }

    assertThat(lines).hasSize(2).allSatisfy(line -> assertThat(line).contains("\"class_uid\":6005"));
  }

  private static void createFeedTopic(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(Topics.SIEM_OCSF, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
