package dev.witness.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureIT {

  @Test
  void sharedBrokerAcceptsWritesAndReads() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic("embedded-it", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>("embedded-it", "k", "v")).get(30, TimeUnit.SECONDS);
    }
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap,
        "group.id", "embedded-it", "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("embedded-it"));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        records = consumer.poll(Duration.ofMillis(200));
      }
      assertThat(records.count()).isEqualTo(1);
      assertThat(records.iterator().next().value()).isEqualTo("v");
    }
  }

  @Test
  void brokerKeepsTopicsAcrossRestartOnTheSameDirectory(@TempDir Path dir) throws Exception {
    Path logs = dir.resolve("kafka");
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logs, 0);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
      admin.createTopics(List.of(new NewTopic("survives", 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(logs, 0);
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrap()))) {
      assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("survives");
    }
  }

  @Test
  void portInUseIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> EmbeddedKafkaBroker.start(ScratchDirectory.deletedOnExit("k"), port))
          .isInstanceOf(PortInUseException.class)
          .hasMessageContaining("Port " + port)
          .hasMessageContaining("embedded Kafka");
    }
  }

  @Test
  void sharedPostgresGivesFreshDatabases() throws Exception {
    String db = SharedPostgres.freshDatabase("embedded_it");
    try (Connection c = SharedPostgres.dataSource(db).getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t(x int)");
      s.execute("INSERT INTO t VALUES (42)");
      try (ResultSet rs = s.executeQuery("SELECT x FROM t")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(42);
      }
    }
    assertThat(SharedPostgres.freshDatabase("embedded_it")).isNotEqualTo(db);
  }
}
