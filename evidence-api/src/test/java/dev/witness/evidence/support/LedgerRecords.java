package dev.witness.evidence.support;

import dev.witness.evidence.ingest.LedgerRecordConverter;
import dev.witness.evidence.store.NewEntry;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Ledger entries as the ingestor receives them, through the real serde and converter. */
public final class LedgerRecords {

  /** One registry per test JVM, as a schema registry is shared by producers and consumers. */
  public static final SchemaRegistryClient REGISTRY = new InMemorySchemaRegistryClient();

  private static final AvroEventSerializer<LedgerEntry> SERIALIZER = new AvroEventSerializer<>(REGISTRY);
  private static final LedgerRecordConverter CONVERTER = new LedgerRecordConverter(REGISTRY);

  private LedgerRecords() {}

  /** The Kafka value of an entry in the Confluent wire format. */
  public static byte[] value(LedgerEntry entry) {
    return SERIALIZER.serialize(Topics.LEDGER.name(), entry);
  }

  /** What the ingestor appends for an entry. */
  public static NewEntry newEntry(LedgerEntry entry) {
    return CONVERTER.convert(new ConsumerRecord<>(Topics.LEDGER.name(), entry.getPartition(),
        entry.getEntrySequence(), "key", value(entry)));
  }
}
