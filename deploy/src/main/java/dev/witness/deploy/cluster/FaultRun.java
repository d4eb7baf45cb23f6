package dev.witness.deploy.cluster;

import dev.witness.deploy.standalone.TopologyRuntime;
import dev.witness.embedded.EmbeddedKafkaCluster;
import dev.witness.streams.TopologyNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.GroupState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load and the faults on a schedule: after a warm-up, one broker (the active controller) is
 * stopped at 10 % of the measured run, one topology instance halted at 50 %, the broker started
 * again at 75 %. A crashed broker is noticed only after the controller's broker session timeout
 * (9 s by default) and Streams moves a crashed instance's tasks only after its consumer session
 * timeout (10 s), so the gaps between faults leave room for both. Prints progress every five seconds.
 */
final class FaultRun {

  private static final Logger LOG = LoggerFactory.getLogger(FaultRun.class);
  private static final List<String> APPLICATIONS = List.of(TopologyNames.VERDICTS, TopologyNames.APPROVALS,
      TopologyNames.MASKING, TopologyNames.SIEM, TopologyNames.LEDGER, TopologyNames.CHECKPOINTS);

  /** What happened, for the report. */
  record Outcome(int seconds, int brokerKillSecond, int topologyHaltSecond, int brokerRestartSecond, int killedNode,
      ThroughputTimeline answeredTimeline, ThroughputTimeline ledgerTimeline, long answered, long failedClear,
      long failedUnclear, long connectFailures, long connectFailuresUnclear, Map<String, Long> failures,
      List<String> unclearSamples,
      Set<String> insertedAnswered, Set<String> answeredMarkers, OptionalDouble takeoverSeconds,
      double brokerStopSeconds, double brokerRestartSeconds, boolean clientsStopped, long ledgerEntriesDuringLoad) {}

  private final ClusterScenario.Options options;
  private final EmbeddedKafkaCluster kafka;
  private final TopologyRuntime victim;
  private final List<String> proxies;
  private final String user;
  private final String token;
  private final PrintStream out;

  FaultRun(ClusterScenario.Options options, EmbeddedKafkaCluster kafka, TopologyRuntime victim, List<String> proxies,
      String user, String token, PrintStream out) {
    this.options = options;
    this.kafka = kafka;
    this.victim = victim;
    this.proxies = proxies;
    this.user = user;
    this.token = token;
    this.out = out;
  }

  Outcome execute() throws Exception {
    int seconds = (int) options.duration().toSeconds();
    int killAt = seconds / 10;
    int haltAt = seconds / 2;
    int restartAt = seconds * 3 / 4;
    int warmupSeconds = (int) options.warmup().toSeconds();
    long warmupStart = System.nanoTime();
    ThroughputTimeline warmup = new ThroughputTimeline(warmupStart, warmupSeconds + 5);
    int killed;
    double stopSeconds;
    double restartSeconds;
    OptionalDouble takeover;
    long ledgerDuringLoad;
    long ledgerBefore;
    StatementLoad load = new StatementLoad(proxies, user, token, warmup);
    try (LedgerMeter meter = new LedgerMeter(kafka.bootstrap(), ClusterScenario.PARTITIONS, warmup);
        Admin admin = ClusterScenario.admin(kafka.bootstrap())) {
      out.printf("cluster-test: warming up for %d s with %d clients...%n", warmupSeconds, options.clients());
      load.start(options.clients());
      new Progress(load, meter).until(warmupStart, warmupSeconds, out);
      long start = System.nanoTime();
      ThroughputTimeline answeredTimeline = new ThroughputTimeline(start, seconds + 5);
      ThroughputTimeline ledgerTimeline = new ThroughputTimeline(start, seconds + 5);
      load.measureInto(answeredTimeline);
      meter.measureInto(ledgerTimeline);
      ledgerBefore = meter.entries();
      Progress progress = new Progress(load, meter);
      out.printf("cluster-test: %d clients for %d s; broker kill at %d s, topology kill at %d s, broker back at %d s%n",
          options.clients(), seconds, killAt, haltAt, restartAt);

      progress.until(start, killAt, out);
      killed = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
      out.printf("cluster-test: t=%ds stopping broker %d (the active controller)%n", elapsed(start), killed);
      long t = System.nanoTime();
      kafka.stop(killed);
      stopSeconds = (System.nanoTime() - t) / 1e9;
      progress.downBrokers = 1;

      progress.until(start, haltAt, out);
      out.printf("cluster-test: t=%ds killing topology instance B (no group leave)%n", elapsed(start));
      long haltStart = System.nanoTime();
      victim.halt();
      progress.downTopologies = 1;
      CompletableFuture<OptionalDouble> takeoverWatch = CompletableFuture.supplyAsync(
          () -> awaitTakeover(admin, haltStart, start, seconds), daemonExecutor());

      progress.until(start, restartAt, out);
      out.printf("cluster-test: t=%ds starting broker %d again%n", elapsed(start), killed);
      t = System.nanoTime();
      kafka.restart(killed);
      restartSeconds = (System.nanoTime() - t) / 1e9;
      progress.downBrokers = 0;

      progress.until(start, seconds, out);
      ledgerDuringLoad = meter.entries() - ledgerBefore;
      load.close();
      takeover = takeoverWatch.get(60, TimeUnit.SECONDS);
      return new Outcome(seconds, killAt, haltAt, restartAt, killed, answeredTimeline, ledgerTimeline,
        load.answered.get(), load.failedClear.get(), load.failedUnclear.get(), load.connectFailures.get(),
        load.connectFailuresUnclear.get(),
        load.failureCounts(), List.copyOf(load.unclearSamples), Set.copyOf(load.insertedAnswered),
        Set.copyOf(load.answeredMarkers), takeover, stopSeconds, restartSeconds, load.allStopped(), ledgerDuringLoad);
    }
  }

  private static java.util.concurrent.Executor daemonExecutor() {
    return r -> {
      Thread t = new Thread(r, "cluster-takeover-watch");
      t.setDaemon(true);
      t.start();
    };
  }

  /**
   * Seconds from the halt until every application's group is stable with one member (the
   * surviving instance owns all partitions); empty if that did not happen before {@code untilSecond}.
   */
  private OptionalDouble awaitTakeover(Admin admin, long haltStart, long start, int untilSecond) {
    List<String> groups = APPLICATIONS.stream().map(a -> TopologyNames.applicationId("witness", a)).toList();
    while (elapsed(start) < untilSecond) {
      try {
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
        boolean taken = described.values().stream()
            .allMatch(g -> g.groupState() == GroupState.STABLE && g.members().size() == 1);
        if (taken) {
          double s = (System.nanoTime() - haltStart) / 1e9;
          out.printf("cluster-test: t=%ds topology instance A owns every partition (%.1f s after the kill)%n", elapsed(start), s);
          return OptionalDouble.of(s);
        }
      } catch (Exception e) {
        LOG.debug("cluster-test group describe failed error={}", e.toString());
      }
      sleep(250);
    }
    return OptionalDouble.empty();
  }

  static int elapsed(long start) {
    return (int) ((System.nanoTime() - start) / 1_000_000_000L);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** A progress line every five seconds. */
  private static final class Progress {
    private final StatementLoad load;
    private final LedgerMeter meter;
    private int nextLine = 5;
    private long lastAnswered;
    private long lastLedger;
    private long lastFailed;
    volatile int downBrokers;
    volatile int downTopologies;

    Progress(StatementLoad load, LedgerMeter meter) {
      this.load = load;
      this.meter = meter;
    }

    void until(long start, int second, PrintStream out) {
      while (elapsed(start) < second) {
        tick(start, out);
        sleep(100);
      }
    }

    void tick(long start, PrintStream out) {
      int now = elapsed(start);
      if (now < nextLine) {
        return;
      }
      long answered = load.answered.get();
      long failed = load.failedClear.get() + load.failedUnclear.get();
      long ledger = meter.entries();
      out.printf("  t=%3ds answered %7d (%5.0f/s)  failed %5d (+%d)  ledger entries %8d (%6.0f/s)  brokers %d/3  topology instances %d/2%n",
          now, answered, (answered - lastAnswered) / 5.0, failed, failed - lastFailed, ledger, (ledger - lastLedger) / 5.0,
          3 - downBrokers, 2 - downTopologies);
      lastAnswered = answered;
      lastLedger = ledger;
      lastFailed = failed;
      nextLine = now - now % 5 + 5;
    }
  }
}
