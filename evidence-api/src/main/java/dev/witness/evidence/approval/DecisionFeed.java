package dev.witness.evidence.approval;

import dev.witness.evidence.ErrorText;
import dev.witness.evidence.ingest.ConsumerThread;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of {@code witness.approval-decisions} from the start into
 * {@link PendingVotes}, so approvers see the votes an approval received while it is pending.
 * Group-less (every evidence API instance reads everything) and read-only.
 */
public final class DecisionFeed implements AutoCloseable {

  /** Votes older than this are forgotten; approvals expire long before. */
  public static final Duration KEEP = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(DecisionFeed.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

  private final Consumer<String, byte[]> consumer;
  private final AvroEventDeserializer<ApprovalDecision> deserializer;
  private final PendingVotes votes;
  private final Clock clock;
  private final ConsumerThread loop;

  DecisionFeed(Consumer<String, byte[]> consumer, SchemaRegistryClient registry, PendingVotes votes, Clock clock) {
    this.consumer = consumer;
    this.deserializer = new AvroEventDeserializer<>(registry, ApprovalDecision.class);
    this.votes = votes;
    this.clock = clock;
    this.loop = new ConsumerThread("witness-decision-feed", consumer, Duration.ofSeconds(10));
  }

  /**
   * A feed reading from {@code bootstrap} into {@code votes}; call {@link #start}.
   *
   * @param overrides extra consumer settings (security); they win over the defaults
   */
  public static DecisionFeed create(String bootstrap, Map<String, Object> overrides, SchemaRegistryClient registry,
      PendingVotes votes, Clock clock) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "witness-evidence-decision-feed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.putAll(overrides);
    return new DecisionFeed(new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
        registry, votes, clock);
  }

  /** Starts reading on a daemon thread. */
  public void start() {
    loop.start(this::run);
  }

  private void run() {
    String topic = Topics.APPROVAL_DECISIONS.name();
    try {
      List<TopicPartition> partitions = awaitPartitions(topic);
      if (partitions.isEmpty()) {
        return;
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      LOG.info("decision feed started topic={} partitions={}", topic, partitions.size());
      Instant nextPrune = clock.instant().plus(PRUNE_EVERY);
      while (!loop.stopping()) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
          read(record);
        }
        if (clock.instant().isAfter(nextPrune)) {
          votes.prune(clock.instant().minus(KEEP));
          nextPrune = clock.instant().plus(PRUNE_EVERY);
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (RuntimeException e) {
      // pending votes are a convenience for approvers; decisions and evidence do not depend on them
      LOG.error("decision feed failed topic={} error={}", topic, ErrorText.of(e));
    } finally {
      consumer.close();
      LOG.info("decision feed stopped topic={} approvals={}", topic, votes.size());
    }
  }

  private void read(ConsumerRecord<String, byte[]> record) {
    try {
      votes.record(deserializer.deserialize(record.topic(), record.value()));
    } catch (RuntimeException e) {
      LOG.warn("decision feed skipped record partition={} offset={} error={}", record.partition(), record.offset(),
          ErrorText.of(e));
    }
  }

  /** The topic's partitions, waiting while it does not exist yet; empty when stopped first. */
  private List<TopicPartition> awaitPartitions(String topic) {
    while (!loop.stopping()) {
      try {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, RETRY);
        if (infos != null && !infos.isEmpty()) {
          return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
      } catch (WakeupException e) {
        throw e;
      } catch (RuntimeException e) {
        LOG.debug("decision feed waiting for topic={} error={}", topic, ErrorText.of(e));
      }
      try {
        loop.awaitStop(RETRY);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  /** Stops reading and closes the consumer. */
  @Override
  public void close() {
    loop.stop();
  }
}
