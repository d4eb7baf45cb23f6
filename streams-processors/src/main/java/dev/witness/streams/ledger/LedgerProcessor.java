package dev.witness.streams.ledger;

import dev.witness.schemas.event.LedgerEntry;
import java.time.Clock;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each event to the chain of the partition it arrived on, keeping the chain head in a
 * persistent store keyed by partition; under exactly-once the head and the entry commit together.
 */
final class LedgerProcessor implements Processor<String, SpecificRecord, String, LedgerEntry> {

  private static final Logger log = LoggerFactory.getLogger(LedgerProcessor.class);

  private final String storeName;
  private final Clock clock;
  private ProcessorContext<String, LedgerEntry> context;
  private KeyValueStore<Integer, ChainHead> heads;

  LedgerProcessor(String storeName, Clock clock) {
    this.storeName = storeName;
    this.clock = clock;
  }

  @Override
  public void init(ProcessorContext<String, LedgerEntry> context) {
    this.context = context;
    this.heads = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    int partition = context.recordMetadata()
        .map(RecordMetadata::partition)
        .orElseThrow(() -> new IllegalStateException("ledger events must come from a topic partition"));
    ChainHead head = Objects.requireNonNullElseGet(heads.get(partition), ChainHead::genesis);
    LedgerChain.Appended appended = LedgerChain.append(head, partition, record.value(), clock.instant());
    heads.put(partition, appended.head());
    context.forward(record.withValue(appended.entry()));
    log.debug("ledger entry partition={} entrySequence={} sessionId={} type={}",
        partition, appended.entry().getEntrySequence(), record.key(), record.value().getSchema().getName());
  }
}
