package dev.witness.evidence.ingest;

import dev.witness.evidence.ErrorText;
import dev.witness.evidence.chain.ChainBreak;
import dev.witness.evidence.ingest.IngestStatus.State;
import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.LedgerSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies {@code witness.ledger} into the evidence store on its own thread. Each polled batch is
 * appended in one database transaction per group of ledger partitions, two side by side (see
 * {@link PartitionedAppend}), and its offsets are committed only after all of them; a batch that
 * fails is rewound and retried with backoff, and re-delivery is harmless because the store is
 * idempotent by event id. When catching up, one batch ahead is polled and converted while the one
 * before is being stored, so decoding and the database work overlap; small polls are stored at
 * once instead (see {@link #PIPELINE_MIN}). Logs positions and counts, never payloads.
 */
public final class LedgerIngestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerIngestor.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  // transactions storing one batch side by side (see PartitionedAppend); two keep Java and the database busy
  private static final int WRITERS = 2;
  /**
   * Polls of fewer records are stored at once, with the batch waiting if any, rather than held to be
   * stored after it: holding every poll one store behind made each entry wait a whole extra store
   * at steady low rates, which is what the ledger-to-queryable lag measures. Larger polls (catching
   * up) are still converted while the batch before is stored.
   */
  static final int PIPELINE_MIN = 500;

  private final Consumer<String, byte[]> consumer;
  private final String topic;
  private final LedgerRecordConverter converter;
  private final PartitionedAppend sink;
  private final Clock clock;
  private final Duration initialBackoff;
  private final Counter chainBreakCounter = Metrics.counter("witness.evidence.chain.breaks");
  private final ConsumerThread loop;
  // a ForkJoinPool so a batch's parallel stream spreads over this pool, not the common one
  private final ForkJoinPool conversions = new ForkJoinPool(Runtime.getRuntime().availableProcessors(),
      pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName("witness-ledger-convert-" + thread.getPoolIndex());
        thread.setDaemon(true);
        return thread;
      }, null, false);
  private volatile IngestStatus status = IngestStatus.initial();
  // polled and converting, not yet stored; only the consumer thread touches it
  private PolledBatch pending;

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
    this.sink = new PartitionedAppend(sink, WRITERS);
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
    conversions.shutdownNow();
    sink.close();
  }

  private boolean stopping() {
    return loop.stopping();
  }

  private void run() {
    LOG.info("ledger ingestor started topic={}", topic);
    try {
      consumer.subscribe(List.of(topic), new StoreBeforeRevoke());
      Duration backoff = initialBackoff;
      while (!stopping()) {
        // with a batch waiting, poll without blocking: its storing should start at once
        ConsumerRecords<String, byte[]> records = consumer.poll(pending == null ? POLL_TIMEOUT : Duration.ZERO);
        PolledBatch polled = records.isEmpty() ? null : PolledBatch.converting(records, converter, conversions);
        PolledBatch ready = pending;
        pending = null;
        if (polled != null && polled.count() < PIPELINE_MIN) {
          // a small poll converts in moments: held back, it would wait a whole store of the batch before
          ready = ready == null ? polled : PolledBatch.together(ready, polled);
          polled = null;
        }
        if (ready != null) {
          // the database stores this batch while the ingestor's pool converts the one just polled
          if (ingest(ready)) {
            backoff = initialBackoff;
          } else {
            rewind(ready, polled);
            polled = null;
            backoff = retryAfter(backoff);
          }
        }
        pending = polled;
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
      // a batch polled but not stored is not committed either: the group's next reader gets it again
      pending = null;
      consumer.close();
      LOG.info("ledger ingestor stopped topic={} ingested={} duplicates={} rechained={}", topic, status.ingested(),
          status.duplicates(), status.rechained());
    }
  }

  /** Stores one batch and commits its offsets; false (nothing committed) when that failed. */
  private boolean ingest(PolledBatch batch) {
    try {
      AppendResult result = sink.append(batch.entries());
      consumer.commitSync(batch.nextOffsets());
      for (ChainBreak b : result.chainBreaks()) {
        // stored and recorded in chain_alerts with the batch; raised here so no one misses it
        LOG.error("ledger chain broken partition={} sequence={} eventId={} problem=\"{}\"", b.partition(),
            b.sequence(), b.eventId(), b.problem());
        chainBreakCounter.increment();
      }
      status = status.withBatch(result, clock.instant());
      LOG.debug("ledger batch stored records={} inserted={} duplicates={} rechained={}", batch.count(),
          result.inserted(), result.duplicates(), result.rechained());
      return true;
    } catch (WakeupException e) {
      throw e;
    } catch (RuntimeException e) {
      String error = ErrorText.of(e);
      LOG.warn("ledger batch failed records={} first={} error={}", batch.count(), batch.firstOffsets(), error);
      status = status.withState(State.RETRYING, error);
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

  /**
   * Seeks back to the start of {@code failed} and of {@code polledAfter} (null when none), so both
   * are polled again: the later batch was polled past but not stored. Partitions lost in a
   * rebalance are skipped: their new owner starts from the committed offset.
   */
  private void rewind(PolledBatch failed, PolledBatch polledAfter) {
    Map<TopicPartition, Long> first = new HashMap<>();
    if (polledAfter != null) {
      first.putAll(polledAfter.firstOffsets());
    }
    // where a partition is in both, the failed batch came first
    first.putAll(failed.firstOffsets());
    first.forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        consumer.seek(tp, offset);
      }
    });
  }

  /**
   * Stores the waiting batch before partitions are taken away, so its offsets are committed while
   * this consumer may still commit them; a batch that cannot be stored then is rewound (for
   * partitions kept) and otherwise left to the partitions' next owner.
   */
  private final class StoreBeforeRevoke implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      PolledBatch waiting = pending;
      pending = null;
      if (waiting != null && !ingest(waiting)) {
        rewind(waiting, null);
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      // the group moved on without us: committing would fail, and the new owners re-read the batch
      pending = null;
    }
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
