package dev.witness.schemas.registry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.event.SchemaSurgery;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.RegisteredSchema;
import dev.witness.schemas.registry.RegistryErrorCode;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryException;
import dev.witness.schemas.topic.Topics;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The embedded registry on a real broker, used through the REST client as Witness uses it. */
class EmbeddedSchemaRegistryIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Schema V1 = SchemaBuilder.record("Thing").namespace("it").fields().requiredString("a").endRecord();
  private static final Schema V2 = SchemaBuilder.record("Thing").namespace("it").fields()
      .requiredString("a").name("b").type().intType().intDefault(0).endRecord();
  private static final Schema V2_REQUIRED = SchemaBuilder.record("Thing").namespace("it").fields()
      .requiredString("a").requiredInt("b").endRecord();

  private final String bootstrap = SharedKafka.bootstrap();
  // The shared broker's _schemas outlives each test: subjects are unique per test.
  private final String subject = "it-" + UUID.randomUUID();
  private EmbeddedSchemaRegistry registry;
  private RestSchemaRegistryClient client;

  @BeforeEach
  void start() {
    registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    client = new RestSchemaRegistryClient(registry.url(), TIMEOUT);
  }

  @AfterEach
  void stop() {
    client.close();
    registry.close();
  }

  @Test
  void keepsItsLogInACompactedSinglePartitionTopic() throws Exception {
    try (Admin admin = admin()) {
      assertThat(admin.describeTopics(List.of(Topics.SCHEMAS)).allTopicNames().get().get(Topics.SCHEMAS)
          .partitions()).hasSize(1);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SCHEMAS);
      assertThat(admin.describeConfigs(List.of(resource)).all().get().get(resource).get("cleanup.policy").value())
          .isEqualTo("compact");
    }
  }

  @Test
  void registersLooksUpAndChecksCompatibility() {
    int id1 = client.register(subject, V1);
    int id2 = client.register(subject, V2);

    assertThat(client.register(subject, V1)).isEqualTo(id1);
    assertThat(client.schemaById(id1)).isEqualTo(V1);
    assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, 2, id2, V2));
    assertThat(client.subjects()).contains(subject);
    assertThat(client.isCompatible(subject, V2_REQUIRED)).isTrue();
    assertThat(client.isCompatible(subject, SchemaSurgery.withField(V2,
        new Schema.Field("c", Schema.create(Schema.Type.LONG))))).isFalse();
  }

  @Test
  void incompatibleAndMissingAreConfluentErrors() {
    client.register(subject, V1);

    assertThatThrownBy(() -> client.register(subject, V2_REQUIRED))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e ->
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.INCOMPATIBLE_SCHEMA));
    assertThatThrownBy(() -> client.latest(subject + "-missing"))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e ->
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SUBJECT_NOT_FOUND));
    assertThatThrownBy(() -> client.schemaById(Integer.MAX_VALUE))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e ->
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND));
  }

  @Test
  void aRestartOnTheSameBrokerKeepsIdsAndVersions() {
    int id1 = client.register(subject, V1);
    int id2 = client.register(subject, V2);
    int verdictId = client.register(subject + "-verdict", Verdict.getClassSchema());
    stop();
    start();

    assertThat(client.schemaById(id1)).isEqualTo(V1);
    assertThat(client.latest(subject)).isEqualTo(new RegisteredSchema(subject, 2, id2, V2));
    assertThat(client.register(subject, V1)).isEqualTo(id1);
    assertThat(client.register("another-" + subject, Verdict.getClassSchema())).isEqualTo(verdictId);
    Schema v3 = SchemaSurgery.withField(V2, new Schema.Field("c", Schema.create(Schema.Type.LONG), null, 0L));
    assertThat(client.register(subject, v3)).isGreaterThan(Math.max(id2, verdictId));
    assertThat(client.latest(subject).version()).isEqualTo(3);
  }

  @Test
  void registrationsAreWrittenInConfluentsFormat() {
    int id = client.register(subject, V1);

    List<String> entries = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(Topics.SCHEMAS, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          entries.add(new String(record.key(), StandardCharsets.UTF_8) + " " + new String(record.value(), StandardCharsets.UTF_8));
        }
      }
    }

    assertThat(entries).anySatisfy(entry -> assertThat(entry)
        .startsWith("{\"keytype\":\"SCHEMA\",\"subject\":\"" + subject + "\",\"version\":1,\"magic\":1} ")
        .contains("\"id\":" + id + ",").contains("\"deleted\":false"));
  }

  @Test
  void aTakenPortIsNamedBeforeKafkaIsTouched() {
    int taken = registry.port();

    assertThatThrownBy(() -> EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", taken))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("port " + taken + " is in use");
  }

  @Test
  void aLogTopicThatDeletesOldRecordsIsRefused() throws Exception {
    String topic = "it-registry-log-" + UUID.randomUUID();
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
    }

    assertThatThrownBy(() -> KafkaRegistryLog.open(bootstrap, topic, TIMEOUT))
        .isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
          assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.STORE_ERROR);
          assertThat(e.getMessage()).contains(topic).contains("cleanup.policy=delete").contains("compact");
        });
  }

  @Test
  void aLogTopicWithSeveralPartitionsIsRefused() throws Exception {
    String topic = "it-registry-log-" + UUID.randomUUID();
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1)
          .configs(Map.of("cleanup.policy", "compact")))).all().get();
    }

    assertThatThrownBy(() -> KafkaRegistryLog.open(bootstrap, topic, TIMEOUT))
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining(topic).hasMessageContaining("3 partitions");
  }

  private Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
  }
}
