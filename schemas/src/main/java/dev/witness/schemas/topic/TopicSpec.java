package dev.witness.schemas.topic;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * How one Witness topic is created: partitions, replication and topic-level configs.
 *
 * @param configs topic configs (e.g. {@code retention.ms}); absent keys take the broker default
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

  public TopicSpec {
    Objects.requireNonNull(name, "name");
    configs = Map.copyOf(configs);
  }

  /** The Admin request creating this topic. */
  public NewTopic toNewTopic() {
    return new NewTopic(name, partitions, replicationFactor).configs(configs);
  }
}
