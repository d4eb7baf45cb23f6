package dev.witness.deploy.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Checks that every Witness topic and every internal topic of its Streams applications has three
 * replicas and {@code min.insync.replicas=2} set on the topic itself, so the guarantee does not
 * hang on the broker defaults of whichever cluster Witness runs on.
 */
final class TopicDurability {

  private TopicDurability() {}

  /** Problems found, one line per topic; empty when every topic is durable. */
  static List<String> check(Admin admin) throws Exception {
    Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
        .filter(n -> n.startsWith("witness.") || n.startsWith("witness-"))
        .collect(Collectors.toSet());
    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
    List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
    List<String> problems = new ArrayList<>();
    for (String name : names.stream().sorted().toList()) {
      int replicas = topics.get(name).partitions().get(0).replicas().size();
      ConfigEntry minIsr = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name)).get("min.insync.replicas");
      boolean setOnTopic = minIsr != null && minIsr.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG;
      if (replicas != 3 || minIsr == null || !"2".equals(minIsr.value()) || !setOnTopic) {
        problems.add(name + ": replicas=" + replicas + " min.insync.replicas="
            + (minIsr == null ? "?" : minIsr.value() + " (" + minIsr.source() + ")"));
      }
    }
    if (names.isEmpty()) {
      problems.add("no Witness topics found");
    }
    return problems;
  }
}
