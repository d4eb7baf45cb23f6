package dev.witness.deploy.standalone;

import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.topic.TopicProvisioner;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** Creates the Witness topics that are missing. */
final class TopicSetup {

  private TopicSetup() {}

  static void provision(KafkaConfig kafka) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
      new TopicProvisioner(admin, kafka).provision();
    }
  }
}
