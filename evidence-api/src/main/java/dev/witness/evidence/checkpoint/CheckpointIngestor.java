package dev.witness.evidence.checkpoint;

import dev.witness.evidence.ErrorText;
import dev.witness.evidence.ingest.ConsumerThread;
import dev.witness.evidence.ingest.LedgerConsumers;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code witness.checkpoints} into the evidence store on its own thread: each checkpoint
 * is verified with the trusted keys, stored or recorded as rejected, and offsets are committed
 * only after the database. A record that cannot be decoded is rejected, never skipped silently.
 */
public final class CheckpointIngestor implements AutoCloseable {

  /** The consumer group of the checkpoint ingest. */
  public static final String GROUP_ID = "witness-evidence-checkpoints";

  private static final Logger LOG = LoggerFactory.getLogger(CheckpointIngestor.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final AvroEventDeserializer<Checkpoint> deserializer;
  private final CheckpointStore store;
  private final Duration initialBackoff;
  private final ConsumerThread loop;
  private final AtomicLong stored = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final Counter rejectedCounter = Metrics.counter("witness.evidence.checkpoints.rejected");
  private volatile boolean running;

  public CheckpointIngestor(Consumer<String, byte[]> consumer, String topic, SchemaRegistryClient registry,
      CheckpointStore store, Duration initialBackoff) {
    this.consumer = consumer;
    this.topic = topic;
    this.deserializer = new AvroEventDeserializer<>(registry, Checkpoint.class);
    this.store = store;
    this.initialBackoff = initialBackoff;
    this.loop = new ConsumerThread("witness-checkpoint-ingestor", consumer, Duration.ofSeconds(30));
  }

  /** Consumer settings: as the ledger ingest's, in a group of its own. */
  public static Map<String, Object> config(String bootstrap, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>(LedgerConsumers.config(bootstrap, Map.of()));
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "witness-evidence-checkpoints");
    config.putAll(overrides);
    return config;
  }

  /** A consumer with {@link #config}. */
  public static Consumer<String, byte[]> consumer(String bootstrap, Map<String, Object> overrides) {
    return new KafkaConsumer<>(config(bootstrap, overrides));
  }

  /** Starts consuming on a new thread. */
  public void start() {
    running = true;
    loop.start(this::run);
  }

  /** Whether the ingest thread is alive. */
  public boolean running() {
    return running;
  }

  /** Checkpoints stored since start. */
  public long stored() {
    return stored.get();
  }

  /** Checkpoints rejected since start. */
  public long rejected() {
    return rejected.get();
  }

  @Override
  public void close() {
    loop.stop();
  }

  private void run() {
    LOG.info("checkpoint ingestor started topic={}", topic);
    try {
      consumer.subscribe(List.of(topic));
      Duration backoff = initialBackoff;
      while (!loop.stopping()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        if (records.isEmpty()) {
          continue;
        }
        if (ingest(records)) {
          backoff = initialBackoff;
        } else {
          loop.awaitStop(backoff);
          backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
      }
    } catch (WakeupException e) {
      // stopping
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("checkpoint ingestor failed topic={} error={}", topic, ErrorText.of(e));
    } finally {
      running = false;
      consumer.close();
      LOG.info("checkpoint ingestor stopped topic={} stored={} rejected={}", topic, stored.get(), rejected.get());
    }
  }

  private boolean ingest(ConsumerRecords<String, byte[]> records) {
    try {
      for (ConsumerRecord<String, byte[]> record : records) {
        Checkpoint checkpoint;
        try {
          checkpoint = deserializer.deserialize(record.topic(), record.value());
        } catch (SerializationException | NullPointerException e) {
          String problem = "record " + record.topic() + "-" + record.partition() + "@" + record.offset()
              + " is not a checkpoint: " + ErrorText.of(e);
          LOG.error("checkpoint rejected problem=\"{}\"", problem);
          store.reject(null, null, problem);
          count(CheckpointStore.Outcome.REJECTED);
          continue;
        }
        count(store.record(checkpoint));
      }
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (TopicPartition tp : records.partitions()) {
        List<ConsumerRecord<String, byte[]>> list = records.records(tp);
        offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
      }
      consumer.commitSync(offsets);
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warn("checkpoint batch failed records={} error={}", records.count(), ErrorText.of(e));
      for (TopicPartition tp : records.partitions()) {
        if (consumer.assignment().contains(tp)) {
          consumer.seek(tp, records.records(tp).get(0).offset());
        }
      }
      return false;
    }
  }

  private void count(CheckpointStore.Outcome outcome) {
    if (outcome == CheckpointStore.Outcome.STORED) {
      stored.incrementAndGet();
    } else if (outcome == CheckpointStore.Outcome.REJECTED) {
      rejected.incrementAndGet();
      rejectedCounter.increment();
    }
  }
}
