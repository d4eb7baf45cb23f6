package dev.witness.connectors.approvals;

import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code witness.approvals} for one notifier (its own consumer group) and hands each event
 * to a {@link Listener}, at least once and in order per approval: an offset is committed only after
 * the listener returned, and a {@link RetryLaterException} replays the same event after a pause
 * (1 s doubling up to 30 s by default), so nothing is skipped while the receiver is down.
 */
public final class ApprovalFeed implements AutoCloseable {

  /** What a notifier does with approval events. */
  public interface Listener {

    /**
     * Delivers one event ({@code ApprovalRequested}, {@code ApprovalDecided} or {@code ApprovalExpired}).
     *
     * @throws RetryLaterException to have the same event delivered again after a pause
     */
    void onEvent(String approvalId, SpecificRecord event);

    /** Called when partitions were assigned, before their events are delivered. */
    default void onAssigned() {}
  }

  private static final Logger log = LoggerFactory.getLogger(ApprovalFeed.class);

  private final String name;
  private final KafkaConsumer<String, SpecificRecord> consumer;
  private final Listener listener;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile boolean running = true;
  private Thread thread;

  /**
   * @param groupId the notifier's consumer group; a new group starts at the topic's beginning
   * @param initialBackoff first pause before a retry; doubles up to 30 s
   */
  public ApprovalFeed(String bootstrap, SchemaRegistryClient registry, String groupId, Listener listener,
      Duration initialBackoff) {
    Map<String, Object> c = new HashMap<>();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    c.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
    c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
    this.name = groupId;
    this.consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        AvroEventSerde.forTopic(registry, Topics.APPROVALS).deserializer());
    this.listener = listener;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = Duration.ofSeconds(30).compareTo(initialBackoff) > 0 ? Duration.ofSeconds(30) : initialBackoff;
  }

  /** Starts following the topic on its own thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.APPROVALS.name()), new ConsumerRebalanceListener() {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
          listener.onAssigned();
        }
      });
      Duration backoff = initialBackoff;
      while (running) {
        boolean ok;
        try {
          ok = pollOnce();
        } catch (WakeupException e) {
          break;
        } catch (RuntimeException e) {
          // e.g. a commit refused after a rebalance or Kafka unreachable: events are redelivered.
          log.error("approval feed error, will retry feed={} error={}", name, e.toString());
          ok = false;
        }
        if (ok) {
          backoff = initialBackoff;
        } else {
          pause(backoff);
          backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Delivers one poll's events; false when one must be retried after a pause. */
  private boolean pollOnce() {
    ConsumerRecords<String, SpecificRecord> records;
    try {
      records = consumer.poll(Duration.ofMillis(500));
    } catch (RecordDeserializationException e) {
      // An unreadable record is no approval a notifier can show; the topology owns the topic's contents.
      log.error("unreadable approval event skipped feed={} partition={} offset={} error={}",
          name, e.topicPartition(), e.offset(), e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
      return true;
    }
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    for (ConsumerRecord<String, SpecificRecord> record : records) {
      TopicPartition tp = new TopicPartition(record.topic(), record.partition());
      try {
        if (record.value() != null) {
          listener.onEvent(record.key(), record.value());
        }
      } catch (RetryLaterException e) {
        log.warn("approval event not delivered, will retry feed={} approvalId={} error={}", name, record.key(), e.getMessage());
        return retryFrom(records, record, done);
      } catch (RuntimeException e) {
        // A bug for this one event, not an outage: retrying would stop every later approval behind it.
        log.error("approval event not delivered, skipped feed={} approvalId={} offset={} error={}",
            name, record.key(), record.offset(), e.toString(), e);
      }
      done.put(tp, new OffsetAndMetadata(record.offset() + 1));
    }
    if (!done.isEmpty()) {
      consumer.commitSync(done);
    }
    return true;
  }

  private boolean retryFrom(ConsumerRecords<String, SpecificRecord> records, ConsumerRecord<String, SpecificRecord> failed,
      Map<TopicPartition, OffsetAndMetadata> done) {
    if (!done.isEmpty()) {
      consumer.commitSync(done);
    }
    // Each partition of this poll restarts at its first event not delivered yet; the failed one at itself.
    TopicPartition failedPartition = new TopicPartition(failed.topic(), failed.partition());
    for (TopicPartition tp : records.partitions()) {
      OffsetAndMetadata handled = done.get(tp);
      long from = tp.equals(failedPartition) ? failed.offset()
          : handled != null ? handled.offset() : records.records(tp).get(0).offset();
      consumer.seek(tp, from);
    }
    return false;
  }

  private void pause(Duration backoff) {
    try {
      closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  @Override
  public void close() {
    running = false;
    closing.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t == null) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      return;
    }
    consumer.wakeup();
    try {
      t.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
