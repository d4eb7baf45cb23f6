package dev.witness.deploy.role;

import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.topic.TopicPlan;
import dev.witness.schemas.topic.TopicSpec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Role processes never create topics (that is {@code witness topics create}, run once with the
 * cluster's replication settings): they check the topics exist and name the fix when not.
 */
final class TopicCheck {

  private static final long TIMEOUT_SECONDS = 30;

  private TopicCheck() {}

  static void requireProvisioned(KafkaConfig kafka) {
    Set<String> present;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
      present = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while listing topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("kafka.bootstrap: Kafka at " + kafka.bootstrap() + " did not list its topics within "
          + TIMEOUT_SECONDS + "s; check the address and that the brokers run", e);
    }
    List<String> missing = TopicPlan.of(kafka).stream().map(TopicSpec::name).filter(t -> !present.contains(t)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("topics " + missing + " do not exist at " + kafka.bootstrap()
          + "; create them once with: witness topics create --config witness.yaml");
    }
  }
}
