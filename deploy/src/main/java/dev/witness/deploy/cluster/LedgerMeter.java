package dev.witness.deploy.cluster;

import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts committed {@code witness.ledger} entries as they appear (read_committed, no group), per
 * second of the run: the end-to-end throughput to the ledger.
 */
final class LedgerMeter implements AutoCloseable {

  private final KafkaConsumer<byte[], byte[]> consumer;
  private volatile ThroughputTimeline timeline;
  private final AtomicLong entries = new AtomicLong();
  private final Thread poller;
  private volatile boolean running = true;

  LedgerMeter(String bootstrap, int partitions, ThroughputTimeline timeline) {
    this.timeline = timeline;
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, "witness-cluster-test-meter",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> all = java.util.stream.IntStream.range(0, partitions)
        .mapToObj(p -> new TopicPartition(Topics.LEDGER.name(), p)).toList();
    consumer.assign(all);
    consumer.seekToBeginning(all);
    this.poller = new Thread(this::run, "cluster-ledger-meter");
    this.poller.setDaemon(true);
    this.poller.start();
  }

  private void run() {
    try {
      while (running) {
        int n = consumer.poll(Duration.ofMillis(200)).count();
        if (n > 0) {
          entries.addAndGet(n);
          timeline.add(System.nanoTime(), n);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Counts entries from now on in {@code timeline} (after the warm-up). */
  void measureInto(ThroughputTimeline timeline) {
    this.timeline = timeline;
  }

  /** Committed ledger entries seen so far. */
  long entries() {
    return entries.get();
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      poller.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
