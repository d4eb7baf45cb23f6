package dev.witness.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster fault scenario, shortened: a 3-node KRaft cluster, two topology and two proxy
 * instances, a broker and a topology instance killed under pgJDBC load. Asserts the invariants,
 * never timings: nothing reached the database without a ledger entry, every chain verifies with
 * no gaps or duplicates, every statement was answered or refused with a server SQLSTATE.
 */
class ClusterScenarioIT {

  @Test
  @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
  void survivesABrokerAndATopologyInstanceKilledUnderLoad(@TempDir Path dir) throws Exception {

    ClusterReport report = ClusterScenario.run(new ClusterScenario.Options(Duration.ofSeconds(60), 6, Duration.ofSeconds(10)), dir, System.out);

    assertThat(report.violations()).as("violated invariants").isEmpty();
    long[] outcomes = report.outcomes();
    assertThat(outcomes[0]).as("answered statements").isPositive();
    assertThat(outcomes[2]).as("statements failed without a server SQLSTATE").isZero();
    assertThat(report.passed()).isTrue();
  }
}
