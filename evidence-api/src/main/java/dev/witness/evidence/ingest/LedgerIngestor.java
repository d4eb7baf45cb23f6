package dev.witness.evidence.ingest;

import dev.witness.evidence.ErrorText;
import dev.witness.evidence.chain.ChainBreak;
import dev.witness.evidence.ingest.IngestStatus.State;
import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.LedgerSink;
import dev.witness.evidence.store.NewEntry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code witness.ledger} into the evidence store on its own thread. Each polled batch is
 * appended in one database transaction and its offsets are committed only afterwards; a batch
 * that fails is rewound and retried with backoff, and re-delivery is harmless because the store is
 * idempotent by event id. Logs positions and counts, never payloads.
 */
public final class LedgerIngestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerIngestor.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final int PARALLEL_CONVERSION = 64;

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final LedgerRecordConverter converter;
  private final LedgerSink sink;
  private final Clock clock;
  private final Duration initialBackoff;
  private final Counter chainBreakCounter = Metrics.counter("witness.evidence.chain.breaks");
  private final ConsumerThread loop;
  private volatile IngestStatus status = IngestStatus.initial();

  /**
   * @param consumer an unsubscribed consumer configured like {@link LedgerConsumers#config}; the
   *     ingestor owns and closes it
   * @param initialBackoff first wait before retrying a failed batch; doubles up to 30 s
   */
  public LedgerIngestor(Consumer<String, byte[]> consumer, String topic, LedgerRecordConverter converter,
      LedgerSink sink, Clock clock, Duration initialBackoff) {
    this.consumer = consumer;
    this.topic = topic;
    this.converter = converter;
    this.sink = sink;
    this.clock = clock;
    this.initialBackoff = initialBackoff;
    this.loop = new ConsumerThread("witness-ledger-ingestor", consumer, CLOSE_TIMEOUT);
  }

  /** Starts consuming on a new thread. */
  public void start() {
    status = status.withState(State.RUNNING, null);
    loop.start(this::run);
  }

  /** The current status; safe from any thread. */
  public IngestStatus status() {
    return status;
  }

  /** Stops consuming, waits for the thread to finish its batch, and closes the consumer. */
  @Override
  public void close() {
    loop.stop();
  }

  private boolean stopping() {
    return loop.stopping();
  }

  private void run() {
    LOG.info("ledger ingestor started topic={}", topic);
    try {
      consumer.subscribe(List.of(topic));
      Duration backoff = initialBackoff;
      while (!stopping()) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
        if (!records.isEmpty()) {
          backoff = ingest(records) ? initialBackoff : retryAfter(backoff);
        }
        status = status.withLag(lag());
      }
      status = status.withState(State.STOPPED, null);
    } catch (WakeupException e) {
      status = status.withState(State.STOPPED, null);
    } catch (RuntimeException e) {
      String error = ErrorText.of(e);
      LOG.error("ledger ingestor failed topic={} error={}", topic, error);
      status = status.withState(State.FAILED, error);
    } finally {
      consumer.close();
      LOG.info("ledger ingestor stopped topic={} ingested={} duplicates={} rechained={}", topic, status.ingested(),
          status.duplicates(), status.rechained());
    }
  }

  /** Stores one batch and commits its offsets; on failure rewinds to its start. */
  private boolean ingest(ConsumerRecords<String, byte[]> records) {
    try {
      List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
      records.forEach(polled::add);
      // decoding and building documents is most of a batch's CPU: spread it over the cores, in order;
      // the store still writes the batch in one transaction on this thread
      List<NewEntry> entries = (polled.size() < PARALLEL_CONVERSION ? polled.stream() : polled.parallelStream())
          .map(converter::convert)
          .toList();
      AppendResult result = sink.append(entries);
      consumer.commitSync(nextOffsets(records));
      for (ChainBreak b : result.chainBreaks()) {
        // stored and recorded in chain_alerts with the batch; raised here so no one misses it
        LOG.error("ledger chain broken partition={} sequence={} eventId={} problem=\"{}\"", b.partition(),
            b.sequence(), b.eventId(), b.problem());
        chainBreakCounter.increment();
      }
      status = status.withBatch(result, clock.instant());
      LOG.debug("ledger batch stored records={} inserted={} duplicates={} rechained={}", records.count(),
          result.inserted(), result.duplicates(), result.rechained());
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      String error = ErrorText.of(e);
      LOG.warn("ledger batch failed records={} first={} error={}", records.count(), firstPositions(records), error);
      status = status.withState(State.RETRYING, error);
      rewind(records);
      return false;
    }
  }

  private Duration retryAfter(Duration backoff) {
    try {
      loop.awaitStop(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      loop.signalStop();
    }
    Duration doubled = backoff.multipliedBy(2);
    return doubled.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : doubled;
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
      offsets.put(tp, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
    }
    return offsets;
  }

  private static Map<TopicPartition, Long> firstPositions(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      first.put(tp, records.records(tp).get(0).offset());
    }
    return first;
  }

  private void rewind(ConsumerRecords<String, byte[]> records) {
    // Partitions lost in a rebalance are skipped: their new owner starts from the committed offset.
    firstPositions(records).forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, offset);
      }
    });
  }

  private Long lag() {
    long total = 0;
    for (TopicPartition tp : consumer.assignment()) {
      OptionalLong partitionLag = consumer.currentLag(tp);
      if (partitionLag.isEmpty()) {
        return null;
      }
      total += partitionLag.getAsLong();
    }
    return total;
  }
}
