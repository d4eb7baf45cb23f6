package dev.witness.deploy.standalone;

import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.streams.StreamsSettings;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.approval.ApprovalTopology;
import dev.witness.streams.checkpoint.CheckpointCadence;
import dev.witness.streams.checkpoint.CheckpointTopology;
import dev.witness.streams.siem.SiemTopology;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.masking.MaskingTopology;
import dev.witness.streams.verdict.VerdictTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import dev.witness.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topologies: verdicts, approvals, masking and the SIEM feed at-least-once, the ledger
 * and its signed checkpoints exactly-once. Start returns once all are RUNNING.
 */
public final class TopologyRuntime implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TopologyRuntime.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final List<KafkaStreams> applications;

  private TopologyRuntime(List<KafkaStreams> applications) {
    this.applications = applications;
  }

  /** Builds, starts and waits for the topologies; checkpoints are signed with {@code signingKey}. */
  public static TopologyRuntime start(WitnessConfig config, SchemaRegistryClient registry, Path stateDir,
      SigningKey signingKey) {
    String bootstrap = config.kafka().bootstrap();
    String prefix = config.streams().applicationId();
    String state = config.streams().stateDir() != null ? config.streams().stateDir() : stateDir.toString();
    int rf = config.kafka().replicationFactor();
    Clock clock = Clock.systemUTC();

    List<KafkaStreams> apps = new ArrayList<>();
    List<CountDownLatch> running = new ArrayList<>();
    TopologyRuntime runtime = new TopologyRuntime(apps);
    try {
      add(apps, running, VerdictTopology.build(registry, config.policy(), clock),
          StreamsSettings.interactive(bootstrap, TopologyNames.applicationId(prefix, TopologyNames.VERDICTS), state, rf));
      add(apps, running, ApprovalTopology.build(registry, config.policy(), clock),
          StreamsSettings.interactive(bootstrap, TopologyNames.applicationId(prefix, TopologyNames.APPROVALS), state, rf));
      add(apps, running, MaskingTopology.build(registry, config.masking(), clock),
          StreamsSettings.interactive(bootstrap, TopologyNames.applicationId(prefix, TopologyNames.MASKING), state, rf));
      // Nobody waits on the SIEM feed: it fetches in batches, leaving the CPU to the request path.
      add(apps, running, SiemTopology.build(registry, clock),
          StreamsSettings.background(bootstrap, TopologyNames.applicationId(prefix, TopologyNames.SIEM), state, rf));
      add(apps, running, LedgerTopology.build(registry, config.kafka().partitions(), clock),
          StreamsSettings.ledger(bootstrap, TopologyNames.applicationId(prefix, TopologyNames.LEDGER), state, rf));
      add(apps, running, CheckpointTopology.build(registry, signingKey, clock,
              CheckpointCadence.of(config.streams().checkpoint())),
          StreamsSettings.ledger(bootstrap, TopologyNames.applicationId(prefix, TopologyNames.CHECKPOINTS), state, rf));
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      for (int i = 0; i < running.size(); i++) {
        long left = deadline - System.nanoTime();
        if (!running.get(i).await(Math.max(0, left), TimeUnit.NANOSECONDS)) {
          throw new IllegalStateException("Topology " + apps.get(i).state() + " did not reach RUNNING in " + START_TIMEOUT);
        }
      }
      return runtime;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      runtime.close();
      throw new IllegalStateException("Interrupted while starting topologies", e);
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  private static void add(List<KafkaStreams> apps, List<CountDownLatch> running, Topology topology, Properties props) {
    // After a crash the departed member blocks its partitions until its session expires; keep
    // that short on the interactive path (the broker's minimum is 6 s).
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), "10000");
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), "2000");
    // Ledger entries wrap whole requests (bodies up to 7 MiB): producer and internal topics allow them.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), String.valueOf(Topics.MAX_MESSAGE_BYTES));
    props.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG), String.valueOf(Topics.MAX_MESSAGE_BYTES));
    String id = props.getProperty("application.id");
    KafkaStreams streams = new KafkaStreams(topology, props);
    CountDownLatch latch = new CountDownLatch(1);
    streams.setStateListener((next, previous) -> {
      LOG.info("topology state application={} from={} to={}", id, previous, next);
      if (next == KafkaStreams.State.RUNNING) {
        latch.countDown();
      }
    });
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("topology failed application={} error={}", id, e.toString());
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
    });
    apps.add(streams);
    running.add(latch);
    streams.start();
  }

  /** The running applications (metrics binding, per-topology readiness). */
  public List<KafkaStreams> applications() {
    return List.copyOf(applications);
  }

  /** Whether every topology is RUNNING (readiness). */
  public boolean allRunning() {
    return applications.stream().allMatch(s -> s.state() == KafkaStreams.State.RUNNING);
  }

  /**
   * Stops every topology without leaving its consumer groups, as a crashed process would look to
   * the others: its partitions move to the other instances only once its session expires.
   */
  public void halt() {
    CloseOptions stay = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.REMAIN_IN_GROUP)
        .withTimeout(CLOSE_TIMEOUT);
    for (KafkaStreams streams : applications) {
      streams.close(stay);
    }
  }

  @Override
  public void close() {
    // Leaving the group lets a restarted instance take over at once instead of after the
    // session timeout of the departed member.
    CloseOptions leave = CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(CLOSE_TIMEOUT);
    for (KafkaStreams streams : applications) {
      streams.close(leave);
    }
  }
}
