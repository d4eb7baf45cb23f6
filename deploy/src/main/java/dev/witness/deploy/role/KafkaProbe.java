package dev.witness.deploy.role;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Whether Kafka answers, for {@code /readyz}: one describe-cluster call, its answer kept for a
 * short while so a busy probe schedule does not load the brokers.
 */
final class KafkaProbe implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final Duration CACHE = Duration.ofSeconds(2);

  private final Admin admin;
  private final String bootstrap;
  private final Clock clock;
  private Instant checkedAt = Instant.MIN;
  private Optional<String> problem = Optional.of("not checked yet");

  KafkaProbe(String bootstrap, Clock clock) {
    this.bootstrap = bootstrap;
    this.clock = clock;
    this.admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.CLIENT_ID_CONFIG, "witness-readiness",
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
  }

  /** Empty when Kafka answered; otherwise why not. */
  synchronized Optional<String> problem() {
    Instant now = clock.instant();
    if (Duration.between(checkedAt, now).compareTo(CACHE) < 0) {
      return problem;
    }
    problem = check();
    checkedAt = now;
    return problem;
  }

  private Optional<String> check() {
    try {
      int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
          .nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
      return brokers > 0 ? Optional.empty() : Optional.of("kafka at " + bootstrap + " reports no brokers");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while asking kafka at " + bootstrap);
    } catch (ExecutionException | TimeoutException e) {
      return Optional.of("kafka at " + bootstrap + " did not answer within " + TIMEOUT.toSeconds() + "s");
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(2));
  }
}
