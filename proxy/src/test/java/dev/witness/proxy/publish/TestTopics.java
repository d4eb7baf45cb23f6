package dev.witness.proxy.publish;

import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.topic.TopicProvisioner;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates the Witness topics on a test broker (auto-creation is off there), as the launcher does. */
public final class TestTopics {

  private TestTopics() {}

  public static void create(String bootstrap) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      new TopicProvisioner(admin, KafkaConfig.defaults().withBootstrap(bootstrap)).provision();
    }
  }
}
