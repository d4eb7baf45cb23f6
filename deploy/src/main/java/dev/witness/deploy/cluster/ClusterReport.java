package dev.witness.deploy.cluster;

import dev.witness.schemas.proof.ChainVerification;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;

/** The figures of one cluster scenario run and every violated invariant. */
public final class ClusterReport {

  /** Throughput counts as recovered once a 2-second window reaches this share of the pre-fault rate. */
  static final double RECOVERED_SHARE = 0.8;

  private final ClusterScenario.Options options;
  private final double setupSeconds;
  private final List<String> violations = new ArrayList<>();
  private final List<String> figures = new ArrayList<>();
  private FaultRun.Outcome run;

  ClusterReport(ClusterScenario.Options options, double setupSeconds) {
    this.options = options;
    this.setupSeconds = setupSeconds;
  }

  void checkTopicDurability(List<String> problems) {
    problems.forEach(p -> violations.add("topic not durable: " + p));
  }

  void load(FaultRun.Outcome outcome) {
    this.run = outcome;
    if (!outcome.clientsStopped()) {
      violations.add("a client did not stop within the socket timeout (a statement hung)");
    }
    if (outcome.failedUnclear() > 0) {
      violations.add(outcome.failedUnclear() + " statements failed without a server ErrorResponse, e.g. "
          + outcome.unclearSamples());
    }
    if (outcome.connectFailuresUnclear() > 0) {
      violations.add(outcome.connectFailuresUnclear() + " logins failed without a server ErrorResponse, e.g. "
          + outcome.unclearSamples());
    }
    if (outcome.answered() == 0) {
      violations.add("no statement was answered");
    }
  }

  void audit(LedgerAudit.Result ledger, Set<String> inDatabase) {
    Set<String> unrecordedInDatabase = missing(inDatabase, ledger.requestMarkers());
    if (!unrecordedInDatabase.isEmpty()) {
      violations.add(unrecordedInDatabase.size() + " statements reached the database without a ledger entry, e.g. "
          + sample(unrecordedInDatabase));
    }
    Set<String> unrecordedAnswered = missing(run.answeredMarkers(), ledger.requestMarkers());
    if (!unrecordedAnswered.isEmpty()) {
      violations.add(unrecordedAnswered.size() + " answered statements have no request in the ledger, e.g. "
          + sample(unrecordedAnswered));
    }
    Set<String> unallowed = missing(run.answeredMarkers(), ledger.allowedMarkers());
    if (!unallowed.isEmpty()) {
      violations.add(unallowed.size() + " answered statements have no ALLOW verdict in the ledger, e.g. " + sample(unallowed));
    }
    Set<String> lostInserts = missing(run.insertedAnswered(), inDatabase);
    if (!lostInserts.isEmpty()) {
      violations.add(lostInserts.size() + " answered INSERTs are not in the database, e.g. " + sample(lostInserts));
    }
    new TreeMap<>(ledger.chains()).forEach((partition, chain) -> {
      if (!chain.valid()) {
        violations.add("ledger partition " + partition + " chain broken: " + chain.problem());
      }
    });
    if (!ledger.duplicateEventIds().isEmpty()) {
      violations.add(ledger.duplicateEventIds().size() + " event ids chained twice, e.g. "
          + ledger.duplicateEventIds().subList(0, Math.min(3, ledger.duplicateEventIds().size())));
    }
    long forwardedUnanswered = inDatabase.size() - run.insertedAnswered().stream().filter(inDatabase::contains).count();
    figures.add(String.format("ledger: %d entries in %d partitions, every chain %s; %d statements in the database "
            + "(%d of them not answered to their client), %d recorded requests with a marker; %d requests with more "
            + "than one verdict", ledger.entries(), ledger.chains().size(),
        ledger.chains().values().stream().allMatch(ChainVerification::valid) ? "verified from genesis" : "NOT intact",
        inDatabase.size(), forwardedUnanswered, ledger.requestMarkers().size(), ledger.verdictsPerRequestAboveOne()));
  }

  private static Set<String> missing(Set<String> expected, Set<String> present) {
    Set<String> m = new HashSet<>(expected);
    m.removeAll(present);
    return m;
  }

  private static List<String> sample(Set<String> markers) {
    return markers.stream().sorted().limit(3).toList();
  }

  /** Whether every invariant held. */
  public boolean passed() {
    return violations.isEmpty();
  }

  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Statements answered, failed with a server SQLSTATE, and failed otherwise. */
  public long[] outcomes() {
    return new long[] {run.answered(), run.failedClear(), run.failedUnclear()};
  }

  void print(PrintStream out) {
    ThroughputTimeline answered = run.answeredTimeline();
    ThroughputTimeline ledger = run.ledgerTimeline();
    int end = run.seconds();
    out.println();
    out.printf("cluster-test figures (%d clients, %d s measured after a %d s warm-up, set-up %.1f s; one JVM on a "
        + "shared machine: noisy)%n", options.clients(), end, options.warmup().toSeconds(), setupSeconds);
    out.printf("  statements: %d answered, %d failed with a Witness SQLSTATE, %d failed otherwise; logins: %d refused "
        + "with a SQLSTATE, %d failed otherwise%n", run.answered(), run.failedClear(), run.failedUnclear(),
        run.connectFailures() - run.connectFailuresUnclear(), run.connectFailuresUnclear());
    Map<String, Long> failures = run.failures();
    if (!failures.isEmpty()) {
      out.println("  failures by SQLSTATE: " + failures);
    }
    out.printf("  end to end to the ledger: %.0f events/s over the measured run (%d committed entries in it)%n",
        (double) run.ledgerEntriesDuringLoad() / end, run.ledgerEntriesDuringLoad());
    out.printf("  %-34s %12s %14s%n", "phase", "answered/s", "ledger ev/s");
    phase(out, "3 brokers, 2 topology instances", 0, run.brokerKillSecond(), answered, ledger);
    phase(out, "broker " + run.killedNode() + " down", run.brokerKillSecond(), run.topologyHaltSecond(), answered, ledger);
    phase(out, "broker down, 1 topology instance", run.topologyHaltSecond(), run.brokerRestartSecond(), answered, ledger);
    phase(out, "broker back, 1 topology instance", run.brokerRestartSecond(), end, answered, ledger);
    out.printf("  broker kill: stop took %.1f s; answered throughput back to %.0f%% of before %s, ledger throughput %s%n",
        run.brokerStopSeconds(), RECOVERED_SHARE * 100, recovery(answered, run), recovery(ledger, run));
    out.printf("  topology kill: partitions taken over by the other instance %s%n",
        run.takeoverSeconds().isPresent() ? String.format("%.1f s after the kill", run.takeoverSeconds().getAsDouble())
            : "NOT before the end of the load");
    out.printf("  broker restart: %.1f s until it served again%n", run.brokerRestartSeconds());
    figures.forEach(f -> out.println("  " + f));
    if (violations.isEmpty()) {
      out.println("cluster-test: PASSED (no statement forwarded without a ledger entry, no gaps or duplicates, "
          + "every statement answered or refused with a SQLSTATE)");
    } else {
      out.println("cluster-test: FAILED");
      violations.forEach(v -> out.println("  violation: " + v));
    }
  }

  private static void phase(PrintStream out, String name, int from, int to, ThroughputTimeline answered,
      ThroughputTimeline ledger) {
    out.printf("  %-34s %12.0f %14.0f%n", name + " [" + from + "-" + to + "s)", answered.rate(from, to).orElse(0),
        ledger.rate(from, to).orElse(0));
  }

  private static String recovery(ThroughputTimeline timeline, FaultRun.Outcome run) {
    double baseline = timeline.rate(0, run.brokerKillSecond()).orElse(0);
    if (baseline <= 0) {
      return "unknown (nothing before the kill)";
    }
    OptionalDouble s = timeline.recovery(run.brokerKillSecond(), run.topologyHaltSecond(), baseline, RECOVERED_SHARE, 2);
    return s.isPresent() ? String.format("%.0f s after the kill", s.getAsDouble()) : "not before the topology kill";
  }
}
