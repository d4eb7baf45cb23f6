package dev.witness.evidence.support;

import dev.witness.schemas.topic.Topics;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates ledger topics on the shared test broker, which does not auto-create topics. */
public final class TestTopics {

  public static final int LEDGER_PARTITIONS = 2;

  private TestTopics() {}

  /** Creates {@code witness.ledger}; only one test class may write to it, as chains must not collide. */
  public static void ensureLedger(String bootstrap) throws Exception {
    ensure(bootstrap, Topics.LEDGER.name());
  }

  /** Creates a ledger-shaped topic of {@value #LEDGER_PARTITIONS} partitions unless it exists. */
  public static synchronized void ensure(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, LEDGER_PARTITIONS, (short) 1)))
          .all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }
}
