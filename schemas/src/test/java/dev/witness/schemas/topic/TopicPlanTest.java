package dev.witness.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.KafkaConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

  private static final KafkaConfig THREE_BROKERS =
      new KafkaConfig("k1:9092", 6, 16, (short) 3, Duration.ofMinutes(90), null);

  private final Map<String, TopicSpec> plan = TopicPlan.of(THREE_BROKERS).stream()
      .collect(Collectors.toMap(TopicSpec::name, Function.identity()));

  @Test
  void coversEveryTopicOfTheArchitecture() {
    List<String> expected = new java.util.ArrayList<>(Topics.ALL_AVRO.stream().map(Topic::name).toList());
    expected.add(Topics.SIEM_OCSF);

    assertThat(TopicPlan.of(THREE_BROKERS)).extracting(TopicSpec::name).containsExactlyElementsOf(expected);
    assertThat(plan).doesNotContainKey(Topics.SCHEMAS);
    assertThat(plan.values()).allSatisfy(spec -> assertThat(spec.replicationFactor()).isEqualTo((short) 3));
  }

  @Test
  void sessionKeyedTopicsTakeTheConfiguredPartitions() {
    for (String name : List.of("witness.requests", "witness.responses.raw", "witness.ledger", "witness.siem.ocsf",
        "witness.approvals", "witness.approval-decisions")) {
      assertThat(plan.get(name).partitions()).as(name).isEqualTo(6);
    }
    assertThat(plan.get("witness.replies").partitions()).isEqualTo(16);
    assertThat(plan.get("witness.checkpoints").partitions()).isEqualTo(1);
  }

  /** Every topic takes records up to Topics.MAX_MESSAGE_BYTES (request bodies are recorded whole). */
  private static final Map.Entry<String, String> LARGE = Map.entry("max.message.bytes", "8388608");

  /** Every topic needs a second in-sync replica for an acks=all write where the cluster has one. */
  private static final Map.Entry<String, String> TWO_IN_SYNC = Map.entry("min.insync.replicas", "2");

  @Test
  void rawResponsesExpireAfterTheConfiguredRetention() {
    assertThat(plan.get("witness.responses.raw").configs()).containsOnly(Map.entry("retention.ms", "5400000"), LARGE,
        TWO_IN_SYNC);
  }

  @Test
  void evidenceIsKeptForeverWithTwoInSyncReplicas() {
    for (String name : List.of("witness.ledger", "witness.checkpoints")) {
      assertThat(plan.get(name).configs()).as(name).containsOnly(
          Map.entry("retention.ms", "-1"), Map.entry("retention.bytes", "-1"), Map.entry("min.insync.replicas", "2"),
          LARGE);
    }
  }

  @Test
  void aSingleBrokerNeedsOnlyOneInSyncReplica() {
    TopicSpec ledger = TopicPlan.of(KafkaConfig.defaults()).stream()
        .filter(s -> s.name().equals("witness.ledger")).findFirst().orElseThrow();

    assertThat(ledger.replicationFactor()).isEqualTo((short) 1);
    assertThat(ledger.configs()).containsEntry("min.insync.replicas", "1");
  }

  @Test
  void approvalsAreCompactedAndTheOtherTopicsPlain() {
    assertThat(plan.get("witness.approvals").configs()).containsOnly(Map.entry("cleanup.policy", "compact"), LARGE,
        TWO_IN_SYNC);
    for (String name : List.of("witness.requests", "witness.replies", "witness.approval-decisions", "witness.siem.ocsf")) {
      assertThat(plan.get(name).configs()).as(name).containsOnly(LARGE, TWO_IN_SYNC);
    }
  }

  @Test
  void specsBecomeAdminRequests() {
    NewTopic topic = plan.get("witness.ledger").toNewTopic();

    assertThat(topic.name()).isEqualTo("witness.ledger");
    assertThat(topic.numPartitions()).isEqualTo(6);
    assertThat(topic.replicationFactor()).isEqualTo((short) 3);
    assertThat(topic.configs()).containsEntry("retention.ms", "-1");
  }
}
