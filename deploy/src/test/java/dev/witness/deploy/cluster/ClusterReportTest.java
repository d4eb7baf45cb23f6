package dev.witness.deploy.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.proof.ChainVerification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterReportTest {

  private static FaultRun.Outcome outcome(Set<String> inserted, Set<String> answered, long unclear) {
    return new FaultRun.Outcome(40, 4, 20, 30, 2, new ThroughputTimeline(0, 45), new ThroughputTimeline(0, 45),
        answered.size(), 3, unclear, 0, 0, Map.of("server 08006", 3L), List.of(), inserted, answered,
        OptionalDouble.of(12), 1, 2, true, 100);
  }

  private static LedgerAudit.Result ledger(Set<String> requests, Set<String> allowed, ChainVerification chain,
      List<String> duplicates) {
    return new LedgerAudit.Result(100, Map.of(0, chain), duplicates, requests, allowed, 0);
  }

  private static ClusterReport report() {
    return new ClusterReport(new ClusterScenario.Options(Duration.ofSeconds(40), 2, Duration.ZERO), 1);
  }

  @Test
  void passesWhenEveryStatementIsRecorded() {
    ClusterReport report = report();
    report.load(outcome(Set.of("cm-0-1"), Set.of("cm-0-1", "cm-0-2"), 0));
    report.audit(ledger(Set.of("cm-0-1", "cm-0-2", "cm-1-1"), Set.of("cm-0-1", "cm-0-2"),
        ChainVerification.intact(100), List.of()), Set.of("cm-0-1", "cm-1-1"));

    assertThat(report.violations()).isEmpty();
    assertThat(report.passed()).isTrue();
  }

  @Test
  void aStatementInTheDatabaseWithoutALedgerEntryFails() {
    ClusterReport report = report();
    report.load(outcome(Set.of(), Set.of(), 0));
    report.audit(ledger(Set.of(), Set.of(), ChainVerification.intact(0), List.of()), Set.of("cm-1-7"));

    assertThat(report.violations()).anySatisfy(v -> assertThat(v).contains("reached the database without a ledger entry")
        .contains("cm-1-7"));
  }

  @Test
  void brokenChainsDuplicatesMissingVerdictsAndUnclearFailuresFail() {
    ClusterReport report = report();
    report.load(outcome(Set.of("cm-0-1"), Set.of("cm-0-1"), 2));
    report.audit(ledger(Set.of("cm-0-1"), Set.of(), ChainVerification.brokenAt(5, "sequence 7 where 6 was expected"),
        List.of("01a2-dup")), Set.of("cm-0-1"));

    assertThat(report.violations()).anySatisfy(v -> assertThat(v).contains("chain broken"))
        .anySatisfy(v -> assertThat(v).contains("chained twice"))
        .anySatisfy(v -> assertThat(v).contains("no ALLOW verdict"))
        .anySatisfy(v -> assertThat(v).contains("without a server ErrorResponse"));
    assertThat(report.passed()).isFalse();
  }

  @Test
  void anAnsweredInsertMissingFromTheDatabaseFails() {
    ClusterReport report = report();
    report.load(outcome(Set.of("cm-0-1"), Set.of("cm-0-1"), 0));
    report.audit(ledger(Set.of("cm-0-1"), Set.of("cm-0-1"), ChainVerification.intact(3), List.of()), Set.of());

    assertThat(report.violations()).anySatisfy(v -> assertThat(v).contains("answered INSERTs are not in the database"));
  }
}
