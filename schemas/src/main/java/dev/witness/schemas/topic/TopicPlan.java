package dev.witness.schemas.topic;

import dev.witness.schemas.config.KafkaConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/** The settings of every Witness topic, derived from {@code kafka} in {@code witness.yaml}. */
public final class TopicPlan {

  private TopicPlan() {}

  /** Every topic of {@link Topics} (Avro topics and the OCSF feed), in creation order. */
  public static List<TopicSpec> of(KafkaConfig kafka) {
    String minInSync = Integer.toString(Math.min(2, kafka.replicationFactor()));
    return specs(kafka).stream().map(TopicPlan::allowLargeRecords).map(spec -> durable(spec, minInSync)).toList();
  }

  // witness.requests is the write-ahead log of what was forwarded: an acks=all write must reach a
  // second replica wherever one exists (not only the broker default's 1), or one lost disk loses it.
  private static TopicSpec durable(TopicSpec spec, String minInSync) {
    Map<String, String> configs = new HashMap<>(spec.configs());
    configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, minInSync);
    return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), Map.copyOf(configs));
  }

  // A request body of up to proxy.http.maxRequestBodyBytes exceeds the broker's 1 MB default.
  private static TopicSpec allowLargeRecords(TopicSpec spec) {
    Map<String, String> configs = new HashMap<>(spec.configs());
    configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(Topics.MAX_MESSAGE_BYTES));
    return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), Map.copyOf(configs));
  }

  private static List<TopicSpec> specs(KafkaConfig kafka) {
    int partitions = kafka.partitions();
    short rf = kafka.replicationFactor();
    // Evidence must survive a broker loss: acks=all then needs a second in-sync copy where one exists.
    Map<String, String> keptForever = Map.of(
        TopicConfig.RETENTION_MS_CONFIG, "-1",
        TopicConfig.RETENTION_BYTES_CONFIG, "-1",
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(Math.min(2, rf)));
    return List.of(
        new TopicSpec(Topics.REQUESTS.name(), partitions, rf, Map.of()),
        new TopicSpec(Topics.RESPONSES_RAW.name(), partitions, rf,
            Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(kafka.rawRetention().toMillis()))),
        // One partition per proxy instance, which reads only its own.
        new TopicSpec(Topics.REPLIES.name(), kafka.replyPartitions(), rf, Map.of()),
        // A changelog of approval state by approval id: only the newest state per approval matters.
        new TopicSpec(Topics.APPROVALS.name(), partitions, rf,
            Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
        // Same partition count as witness.approvals: both are keyed by approval id and joined.
        new TopicSpec(Topics.APPROVAL_DECISIONS.name(), partitions, rf, Map.of()),
        new TopicSpec(Topics.LEDGER.name(), partitions, rf, keptForever),
        // One partition: checkpoints form a single signed sequence over all ledger partitions.
        new TopicSpec(Topics.CHECKPOINTS.name(), 1, rf, keptForever),
        new TopicSpec(Topics.SIEM_OCSF, partitions, rf, Map.of()));
  }
}
