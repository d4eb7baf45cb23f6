package dev.witness.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.config.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TopicProvisionerIT {

  private static final KafkaConfig KAFKA =
      new KafkaConfig(SharedKafka.bootstrap(), 3, 4, (short) 1, Duration.ofHours(2), null);
  private static final List<String> NAMES = TopicPlan.of(KAFKA).stream().map(TopicSpec::name).toList();

  private final Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrap()));

  @BeforeEach
  void withoutWitnessTopics() throws Exception {
    // Only this class uses the real topic names on the shared broker; start each test without them.
    Set<String> present = admin.listTopics().names().get();
    List<String> ours = NAMES.stream().filter(present::contains).toList();
    if (!ours.isEmpty()) {
      admin.deleteTopics(ours).all().get();
    }
    await().atMost(Duration.ofSeconds(30)).until(() ->
        admin.listTopics().names().get().stream().noneMatch(NAMES::contains));
  }

  @AfterEach
  void close() {
    admin.close();
  }

  @Test
  void createsEveryTopicWithItsSettings() throws Exception {
    TopicProvisioner.Result result = new TopicProvisioner(admin, KAFKA).provision();

    assertThat(result.created()).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(result.existing()).isEmpty();
    Map<String, TopicDescription> topics = admin.describeTopics(NAMES).allTopicNames().get();
    assertThat(topics.get("witness.requests").partitions()).hasSize(3);
    assertThat(topics.get("witness.ledger").partitions()).hasSize(3);
    assertThat(topics.get("witness.replies").partitions()).hasSize(4);
    assertThat(topics.get("witness.checkpoints").partitions()).hasSize(1);
    Map<String, Config> configs = configs(NAMES);
    assertThat(value(configs, "witness.responses.raw", "retention.ms")).isEqualTo("7200000");
    assertThat(value(configs, "witness.ledger", "retention.ms")).isEqualTo("-1");
    assertThat(value(configs, "witness.ledger", "min.insync.replicas")).isEqualTo("1");
    assertThat(value(configs, "witness.checkpoints", "retention.ms")).isEqualTo("-1");
    assertThat(value(configs, "witness.approvals", "cleanup.policy")).isEqualTo("compact");
    assertThat(value(configs, "witness.siem.ocsf", "cleanup.policy")).isEqualTo("delete");
    assertThat(value(configs, "witness.requests", "retention.ms")).isEqualTo("604800000");
  }

  @Test
  void leavesExistingTopicsAsTheyAre() throws Exception {
    admin.createTopics(List.of(new NewTopic("witness.replies", 2, (short) 1))).all().get();

    TopicProvisioner.Result first = new TopicProvisioner(admin, KAFKA).provision();
    TopicProvisioner.Result second = new TopicProvisioner(admin, KAFKA).provision();

    assertThat(first.existing()).containsExactly("witness.replies");
    assertThat(first.created()).hasSize(NAMES.size() - 1).doesNotContain("witness.replies");
    assertThat(second.created()).isEmpty();
    assertThat(second.existing()).containsExactlyInAnyOrderElementsOf(NAMES);
    assertThat(admin.describeTopics(List.of("witness.replies")).allTopicNames().get()
        .get("witness.replies").partitions()).hasSize(2);
  }

  @Test
  void aTopicThatCannotBeCreatedIsNamed() {
    KafkaConfig tooManyReplicas = new KafkaConfig(KAFKA.bootstrap(), 3, 4, (short) 3, null, null);

    assertThatThrownBy(() -> new TopicProvisioner(admin, tooManyReplicas).provision())
        .isInstanceOf(TopicProvisioningException.class)
        .hasMessageMatching("(?s)Cannot provision topic witness\\.[a-z.-]+: .*")
        .hasMessageContaining("kafka.bootstrap=" + KAFKA.bootstrap());
  }

  private Map<String, Config> configs(List<String> names) throws Exception {
    List<ConfigResource> resources = names.stream()
        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    return admin.describeConfigs(resources).all().get().entrySet().stream()
        .collect(Collectors.toMap(e -> e.getKey().name(), Map.Entry::getValue));
  }

  private static String value(Map<String, Config> configs, String topic, String key) {
    return configs.get(topic).get(key).value();
  }
}
