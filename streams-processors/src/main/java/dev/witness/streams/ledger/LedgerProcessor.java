package dev.witness.streams.ledger;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.streams.TopologyNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event to the chain of the partition it arrived on, once per event id. The chain
 * head (by partition) and the ids already chained live in persistent stores; under exactly-once
 * they commit together with the entry.
 */
final class LedgerProcessor implements Processor<String, SpecificRecord, String, LedgerEntry> {

  /** How often, on wall-clock time, ids older than the retention are forgotten. */
  static final Duration FORGET_INTERVAL = Duration.ofMinutes(1);

  /** Metric scope of the duplicate count: group {@code stream-witness-ledger-metrics}. */
  static final String METRIC_SCOPE = "witness-ledger";

  /** Metric operation: {@code duplicate-skipped-total} and {@code -rate}, tagged by task. */
  static final String DUPLICATE_SKIPPED = "duplicate-skipped";

  private static final Logger log = LoggerFactory.getLogger(LedgerProcessor.class);

  private final Clock clock;
  private final Duration retention;
  private ProcessorContext<String, LedgerEntry> context;
  private KeyValueStore<Integer, ChainHead> heads;
  private ChainedEventIds chained;
  private Sensor duplicates;

  /**
   * @param clock stamps {@code recordedAt}
   * @param retention how long an event id is remembered after it was chained
   */
  LedgerProcessor(Clock clock, Duration retention) {
    this.clock = clock;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, LedgerEntry> context) {
    this.context = context;
    this.heads = context.getStateStore(TopologyNames.LEDGER_CHAIN_STORE);
    this.chained = ChainedEventIds.of(context);
    this.duplicates = context.metrics().addRateTotalSensor(
        METRIC_SCOPE, context.taskId().toString(), DUPLICATE_SKIPPED, Sensor.RecordingLevel.INFO);
    // Wall-clock, not stream time: ids must be forgotten even while no evidence arrives.
    context.schedule(FORGET_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::forgetExpired);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    int partition = context.recordMetadata()
        .map(RecordMetadata::partition)
        .orElseThrow(() -> new IllegalStateException("ledger events must come from a topic partition"));
    String eventId = LedgerEvents.eventId(record.value())
        .orElseThrow(() -> new IllegalStateException("evidence must carry a header with an event id"));
    // At-least-once producers upstream, producer retries and replays can deliver an event twice.
    // Chaining it twice would put two entries with one event id in the chain; the evidence store is
    // unique on event id, keeps the first and drops the second, leaving a gap in the sequence that
    // verification then reports as a broken chain. One event always has one session, so it lands on
    // the same repartition partition and therefore in this task's store.
    Optional<ChainedEvent> earlier = chained.find(eventId);
    if (earlier.isPresent()) {
      skipDuplicate(record, eventId, partition, earlier.get());
      return;
    }
    ChainHead head = Objects.requireNonNullElseGet(heads.get(partition), ChainHead::genesis);
    LedgerChain.Appended appended = LedgerChain.append(head, partition, record.value(), clock.instant());
    LedgerEntry entry = appended.entry();
    heads.put(partition, appended.head());
    chained.remember(eventId, new ChainedEvent(partition, entry.getEntrySequence(), entry.getRecordedAt()));
    context.forward(record.withValue(entry));
    log.debug("ledger entry partition={} entrySequence={} sessionId={} type={} eventId={}",
        partition, entry.getEntrySequence(), record.key(), record.value().getSchema().getName(), eventId);
  }

  @Override
  public void close() {
    if (duplicates != null) {
      context.metrics().removeSensor(duplicates);
    }
  }

  private void skipDuplicate(Record<String, SpecificRecord> record, String eventId, int partition, ChainedEvent earlier) {
    duplicates.record();
    log.debug("ledger duplicate skipped eventId={} sessionId={} type={} partition={} chainedPartition={} "
            + "chainedEntrySequence={} chainedAt={}",
        eventId, record.key(), record.value().getSchema().getName(), partition, earlier.partition(),
        earlier.entrySequence(), earlier.recordedAt());
  }

  private void forgetExpired(long wallClockMillis) {
    Instant cutoff = Instant.ofEpochMilli(wallClockMillis).minus(retention);
    long forgotten = chained.forgetChainedBefore(cutoff);
    if (forgotten > 0) {
      log.debug("ledger forgot chained event ids count={} chainedBefore={}", forgotten, cutoff);
    }
  }
}
