package dev.witness.proxy.publish;

import dev.witness.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics the proxy uses on a test broker (auto-creation is off there). */
public final class TestTopics {

  public static final int REPLY_PARTITIONS = 4;

  private TestTopics() {}

  public static void create(String bootstrap) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (NewTopic topic : List.of(
          new NewTopic(Topics.REQUESTS.name(), 3, (short) 1),
          new NewTopic(Topics.RESPONSES_RAW.name(), 3, (short) 1),
          new NewTopic(Topics.REPLIES.name(), REPLY_PARTITIONS, (short) 1))) {
        try {
          admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    }
  }
}
