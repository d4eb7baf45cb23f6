package dev.witness.deploy.role;

import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.ConfigLoader;
import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.topic.TopicPlan;
import dev.witness.schemas.topic.TopicProvisioner;
import dev.witness.schemas.topic.TopicSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code witness topics create}: creates every missing Witness topic with the cluster's replication
 * settings; topics that exist are left as they are, so running it again changes nothing.
 */
@Command(
    name = "create",
    mixinStandardHelpOptions = true,
    description = {
        "Creates the Witness topics that are missing (idempotent: existing topics are left unchanged).",
        "Run it once before the proxy, streams and evidence-api processes start."})
public final class TopicsCreateCommand implements Callable<Integer> {

  @Option(names = {"-c", "--config"}, required = true, description = "witness.yaml")
  Path config;

  @Option(names = "--replication-factor",
      description = "Replication factor of created topics (default: kafka.replicationFactor).")
  Short replicationFactor;

  @Option(names = "--min-insync-replicas",
      description = "min.insync.replicas of every created topic (default: min(2, replication factor)).")
  Integer minInsyncReplicas;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    WitnessConfig loaded = new ConfigLoader().load(config);
    KafkaConfig kafka = withReplication(loaded.kafka(), replicationFactor);
    List<TopicSpec> plan = plan(kafka, minInsyncReplicas);
    PrintWriter out = spec.commandLine().getOut();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
      TopicProvisioner.Result result = new TopicProvisioner(admin, kafka, plan, Duration.ofSeconds(60)).provision();
      result.created().forEach(t -> out.println("created  " + t));
      result.existing().forEach(t -> out.println("exists   " + t));
      out.println("witness topics: " + plan.size() + " topics present at " + kafka.bootstrap()
          + " (created " + result.created().size() + ")");
    }
    return 0;
  }

  /** {@code kafka} with another replication factor (null: unchanged). */
  public static KafkaConfig withReplication(KafkaConfig kafka, Short replicationFactor) {
    if (replicationFactor == null) {
      return kafka;
    }
    if (replicationFactor < 1) {
      throw new ConfigException("--replication-factor: " + replicationFactor + " must be at least 1");
    }
    return new KafkaConfig(kafka.bootstrap(), kafka.partitions(), kafka.replyPartitions(), replicationFactor,
        kafka.rawRetention(), kafka.produceTimeout());
  }

  /** {@link TopicPlan#of} with {@code min.insync.replicas} on every topic when given. */
  public static List<TopicSpec> plan(KafkaConfig kafka, Integer minInsyncReplicas) {
    List<TopicSpec> plan = TopicPlan.of(kafka);
    if (minInsyncReplicas == null) {
      return plan;
    }
    if (minInsyncReplicas < 1 || minInsyncReplicas > kafka.replicationFactor()) {
      throw new ConfigException("--min-insync-replicas: " + minInsyncReplicas + " must be between 1 and the "
          + "replication factor " + kafka.replicationFactor() + "; with acks=all a write needs that many copies");
    }
    return plan.stream().map(spec -> {
      Map<String, String> configs = new HashMap<>(spec.configs());
      configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
      return new TopicSpec(spec.name(), spec.partitions(), spec.replicationFactor(), configs);
    }).toList();
  }
}
