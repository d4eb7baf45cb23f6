package dev.witness.evidence.ingest;

import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.document.EventType;
import dev.witness.evidence.document.Formats;
import dev.witness.evidence.store.LedgerRow;
import dev.witness.evidence.store.NewEntry;
import dev.witness.evidence.store.SessionDelta;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.serde.WireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/** Turns one consumed {@code witness.ledger} record into the row to store and its session delta. */
public final class LedgerRecordConverter {

  private final SchemaRegistryClient registry;
  private final AvroEventDeserializer<LedgerEntry> deserializer;

  public LedgerRecordConverter(SchemaRegistryClient registry) {
    this.registry = registry;
    this.deserializer = new AvroEventDeserializer<>(registry, LedgerEntry.class);
  }

  /** Converts a record; throws {@code SerializationException} for a value that is not a ledger entry. */
  public NewEntry convert(ConsumerRecord<String, byte[]> record) {
    byte[] value = record.value();
    if (value == null) {
      throw new SerializationException("Ledger record without value at " + record.topic() + "-"
          + record.partition() + "@" + record.offset());
    }
    LedgerEntry entry = deserializer.deserialize(record.topic(), value);
    int schemaId = WireFormat.schemaId(value);
    EventBytes.Slice event = EventBytes.slice(value, registry.schemaById(schemaId));
    EventDocument doc = EventDocument.of(entry);
    EventHeader header = EventDocument.headerOf(entry.getEvent());
    LedgerRow row = new LedgerRow(
        entry.getPartition(),
        entry.getEntrySequence(),
        header.getEventId(),
        header.getSessionId(),
        doc.type(),
        header.getTimestamp(),
        entry.getRecordedAt(),
        header.getAgent().getId(),
        header.getPurpose(),
        header.getResource(),
        header.getProtocol().name(),
        doc.requestId(),
        Formats.bytes(entry.getPreviousHash()),
        Formats.bytes(entry.getHash()),
        schemaId,
        event.schemaFullName(),
        event.avro(),
        DocumentJson.write(doc));
    return new NewEntry(row, sessionDelta(header, entry.getEvent()));
  }

  private static SessionDelta sessionDelta(EventHeader h, Object event) {
    boolean request = EventType.of(event) == EventType.REQUEST;
    boolean authFailure = event instanceof RequestIntercepted r
        && r.getAuthentication().getOutcome() == AuthenticationOutcome.FAILED;
    Decision decision = event instanceof Verdict v ? v.getDecision() : null;
    return SessionDelta.ofEvent(h.getSessionId(), h.getAgent().getId(), h.getAgent().getIssuer(),
        h.getAgent().getDelegatingHuman(), h.getPurpose(), h.getResource(), h.getProtocol().name(),
        h.getTimestamp(), request, decision == Decision.DENY, authFailure, decision == Decision.ALLOW,
        decision == Decision.REQUIRE_APPROVAL);
  }
}
