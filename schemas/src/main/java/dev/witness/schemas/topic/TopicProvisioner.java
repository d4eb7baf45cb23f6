package dev.witness.schemas.topic;

import dev.witness.schemas.config.KafkaConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates the Witness topics that are missing; existing topics are left exactly as they are. */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  /** What {@link #provision()} did. */
  public record Result(List<String> created, List<String> existing) {

    public Result {
      created = List.copyOf(created);
      existing = List.copyOf(existing);
    }
  }

  private final Admin admin;
  private final KafkaConfig kafka;
  private final Duration timeout;
  private final List<TopicSpec> plan;

  public TopicProvisioner(Admin admin, KafkaConfig kafka) {
    this(admin, kafka, Duration.ofSeconds(30));
  }

  public TopicProvisioner(Admin admin, KafkaConfig kafka, Duration timeout) {
    this(admin, kafka, TopicPlan.of(kafka), timeout);
  }

  /** Provisions {@code plan}, e.g. {@link TopicPlan#of} with the cluster settings of {@code witness topics create}. */
  public TopicProvisioner(Admin admin, KafkaConfig kafka, List<TopicSpec> plan, Duration timeout) {
    this.admin = admin;
    this.kafka = kafka;
    this.plan = List.copyOf(plan);
    this.timeout = timeout;
  }

  /**
   * Creates every topic of the plan (by default {@link TopicPlan#of(KafkaConfig)}) that does not exist yet.
   *
   * @throws TopicProvisioningException naming the topic that could not be listed or created
   */
  public Result provision() {
    Set<String> present = await(admin.listTopics().names(), "(listing topics)");
    List<String> created = new ArrayList<>();
    List<String> existing = new ArrayList<>();
    List<NewTopic> missing = new ArrayList<>();
    for (TopicSpec spec : plan) {
      if (present.contains(spec.name())) {
        // Never altered: partition counts and retention of live topics are an operator's decision.
        log.info("topic exists, left unchanged topic={}", spec.name());
        existing.add(spec.name());
      } else {
        missing.add(spec.toNewTopic());
      }
    }
    if (missing.isEmpty()) {
      return new Result(created, existing);
    }
    CreateTopicsResult result = admin.createTopics(missing);
    for (Map.Entry<String, KafkaFuture<Void>> entry : result.values().entrySet()) {
      String topic = entry.getKey();
      try {
        await(entry.getValue(), topic);
        NewTopic spec = missing.stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow();
        log.info("topic created topic={} partitions={} replicationFactor={} configs={}",
            topic, spec.numPartitions(), spec.replicationFactor(), spec.configs());
        created.add(topic);
      } catch (TopicProvisioningException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
        // Created by another process since we listed: it exists, which is all we need.
        log.info("topic exists, left unchanged topic={}", topic);
        existing.add(topic);
      }
    }
    return new Result(created, existing);
  }

  private <T> T await(KafkaFuture<T> future, String topic) {
    try {
      return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicProvisioningException("Interrupted while provisioning topic " + topic, e);
    } catch (ExecutionException e) {
      throw new TopicProvisioningException("Cannot provision topic " + topic + ": " + e.getCause().getMessage()
          + " (kafka.bootstrap=" + kafka.bootstrap() + ")", e.getCause());
    } catch (TimeoutException e) {
      throw new TopicProvisioningException("Cannot provision topic " + topic + ": no answer from Kafka at "
          + kafka.bootstrap() + " within " + timeout + "; check kafka.bootstrap and that the brokers run", e);
    }
  }
}
