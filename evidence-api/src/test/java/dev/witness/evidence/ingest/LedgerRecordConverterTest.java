package dev.witness.evidence.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.store.LedgerRow;
import dev.witness.evidence.store.NewEntry;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.serde.WireFormat;
import dev.witness.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class LedgerRecordConverterTest {

  private static final Instant AT = Instant.parse("2025-03-01T10:00:00.123456Z");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroEventSerializer<LedgerEntry> serializer = new AvroEventSerializer<>(registry);
  private final LedgerRecordConverter converter = new LedgerRecordConverter(registry);
  private final Events events = new Events("s-1", "agent-7", "http:demo", Protocol.HTTP);
  private final LedgerChain chain = new LedgerChain(0);

  private ConsumerRecord<String, byte[]> record(LedgerEntry entry) {
    byte[] value = serializer.serialize(Topics.LEDGER.name(), entry);
    return new ConsumerRecord<>(Topics.LEDGER.name(), 0, entry.getEntrySequence(), "s-1", value);
  }

  @Test
  void rowCarriesColumnsAndExactEventBytesThatVerifyTheChain() throws Exception {
    chain.append(events.verdict("r0", AT, Decision.ALLOW), AT);
    RequestIntercepted request = events.httpRequest("r1", AT, "hi".getBytes(StandardCharsets.UTF_8), false);
    LedgerEntry entry = chain.append(request, AT.plusMillis(5));
    ConsumerRecord<String, byte[]> record = record(entry);

    NewEntry converted = converter.convert(record);
    LedgerRow row = converted.row();

    assertThat(row.ledgerPartition()).isZero();
    assertThat(row.entrySequence()).isEqualTo(1);
    assertThat(row.eventId()).isEqualTo(request.getHeader().getEventId());
    assertThat(row.sessionId()).isEqualTo("s-1");
    assertThat(row.eventType()).isEqualTo("request");
    assertThat(row.eventTime()).isEqualTo(AT);
    assertThat(row.recordedAt()).isEqualTo(AT.plusMillis(5));
    assertThat(row.agentId()).isEqualTo("agent-7");
    assertThat(row.purpose()).isEqualTo("TICKET-42");
    assertThat(row.resource()).isEqualTo("http:demo");
    assertThat(row.protocol()).isEqualTo("HTTP");
    assertThat(row.requestId()).isEqualTo("r1");
    assertThat(row.ledgerSchemaId()).isEqualTo(WireFormat.schemaId(record.value()));
    assertThat(row.eventSchema()).isEqualTo("dev.witness.schemas.event.RequestIntercepted");
    assertThat(row.eventAvro()).isEqualTo(LedgerChain.avro(request));
    assertThat(LedgerChain.canonical(request)).endsWith(row.eventAvro());
    assertThat(LedgerChain.sha256(row.previousHash(), LedgerChain.canonical(request))).isEqualTo(row.hash());
    assertThat(DocumentJson.mapper().readTree(row.eventJson()).get("eventId").asText())
        .isEqualTo(row.eventId());
  }

  @Test
  void sessionDeltaCountsRequestsDenialsAndAuthFailures() {
    NewEntry failedRequest = converter.convert(record(chain.append(events.httpRequest("r1", AT, null, true), AT)));
    NewEntry denied = converter.convert(record(chain.append(events.verdict("r1", AT, Decision.DENY), AT)));
    NewEntry allowed = converter.convert(record(chain.append(events.verdict("r2", AT, Decision.ALLOW), AT)));

    assertThat(failedRequest.session().requestCount()).isEqualTo(1);
    assertThat(failedRequest.session().authFailures()).isEqualTo(1);
    assertThat(failedRequest.session().deniedCount()).isZero();
    assertThat(denied.session().deniedCount()).isEqualTo(1);
    assertThat(denied.session().requestCount()).isZero();
    assertThat(allowed.session().deniedCount()).isZero();
    assertThat(allowed.session().eventCount()).isEqualTo(1);
    assertThat(allowed.session().issuer()).isEqualTo("witness");
    assertThat(allowed.session().delegatingHuman()).isEqualTo("alice@example.com");
  }

  @Test
  void valueOutsideTheWireFormatIsRejected() {
    ConsumerRecord<String, byte[]> garbage =
        new ConsumerRecord<>(Topics.LEDGER.name(), 0, 0L, "s-1", new byte[] {9, 9, 9});
    assertThatThrownBy(() -> converter.convert(garbage)).isInstanceOf(SerializationException.class);
    ConsumerRecord<String, byte[]> tombstone = new ConsumerRecord<>(Topics.LEDGER.name(), 0, 1L, "s-1", null);
    assertThatThrownBy(() -> converter.convert(tombstone)).isInstanceOf(SerializationException.class)
        .hasMessageContaining("witness.ledger-0@1");
  }
}
