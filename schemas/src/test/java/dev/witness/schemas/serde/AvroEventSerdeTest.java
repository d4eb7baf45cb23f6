package dev.witness.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.event.EventTopics;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.registry.RegistryErrorCode;
import dev.witness.schemas.registry.SchemaRegistryException;
import dev.witness.schemas.topic.Topic;
import dev.witness.schemas.topic.Topics;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroEventSerdeTest {

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();

  static Stream<Named<SpecificRecord>> examples() {
    return EventExamples.all().stream().map(e -> Named.of(EventExamples.label(e), e));
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyEventRoundTripsThroughItsTopicSerde(SpecificRecord event) {
    Topic<?> topic = EventTopics.of(event);

    SpecificRecord decoded = roundTrip(topic, event);

    assertThat(decoded).isEqualTo(event).isInstanceOf(event.getClass());
  }

  @ParameterizedTest
  @MethodSource("examples")
  void valuesAreFramedWithTheIdOfTheirSubject(SpecificRecord event) {
    Topic<?> topic = EventTopics.of(event);

    byte[] bytes = serde(topic).serializer().serialize(topic.name(), event);

    int id = registry.latest(topic.name() + "-" + event.getSchema().getFullName()).id();
    assertThat(bytes[0]).isEqualTo(WireFormat.MAGIC_BYTE);
    assertThat(WireFormat.schemaId(bytes)).isEqualTo(id);
    assertThat(registry.schemaById(id)).isEqualTo(event.getSchema());
  }

  @Test
  void oneTopicCarriesSeveralEventTypesUnderSeparateSubjects() {
    Serde<SpecificRecord> replies = AvroEventSerde.forTopic(registry, Topics.REPLIES);

    byte[] verdict = replies.serializer().serialize(Topics.REPLIES.name(), EventExamples.verdict());
    byte[] chunk = replies.serializer().serialize(Topics.REPLIES.name(), EventExamples.maskedChunk());

    assertThat(registry.subjects()).containsExactlyInAnyOrder(
        "witness.replies-dev.witness.schemas.event.Verdict", "witness.replies-dev.witness.schemas.event.MaskedChunk");
    assertThat(replies.deserializer().deserialize(Topics.REPLIES.name(), verdict)).isEqualTo(EventExamples.verdict());
    assertThat(replies.deserializer().deserialize(Topics.REPLIES.name(), chunk)).isEqualTo(EventExamples.maskedChunk());
  }

  @Test
  void timestampsKeepMicrosecondsAndDropNanoseconds() {
    RequestIntercepted event = EventExamples.sqlRequest();
    event.getHeader().setTimestamp(Instant.parse("2026-03-01T09:15:30.123456789Z"));

    RequestIntercepted decoded = roundTrip(Topics.REQUESTS, event);

    assertThat(decoded.getHeader().getTimestamp()).isEqualTo(Instant.parse("2026-03-01T09:15:30.123456Z"));
  }

  @Test
  void unionBranchesAndNullsSurvive() {
    RequestIntercepted decoded = roundTrip(Topics.REQUESTS, EventExamples.sqlRequest());

    assertThat(decoded.getBody()).isInstanceOfSatisfying(SqlRequest.class, sql ->
        assertThat(sql.getParameters()).containsExactly("7", null));
    LedgerEntry entry = roundTrip(Topics.LEDGER, EventExamples.ledgerEntry(0, EventExamples.verdict()));
    assertThat(entry.getEvent()).isInstanceOf(Verdict.class);
  }

  @Test
  void nullStaysNullBothWays() {
    Serde<Verdict> serde = new AvroEventSerde<>(registry, Verdict.class);

    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Test
  void aValueOfAnotherTypeThanTheTopicCarriesIsRejected() {
    byte[] verdict = new AvroEventSerde<>(registry, Verdict.class).serializer().serialize("t", EventExamples.verdict());

    assertThatThrownBy(() -> AvroEventSerde.forTopic(registry, Topics.REQUESTS).deserializer().deserialize("t", verdict))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("dev.witness.schemas.event.Verdict")
        .hasMessageContaining(RequestIntercepted.class.getName());
  }

  @Test
  void anUnknownSchemaIdIsASerializationErrorCarryingTheRegistryCode() {
    byte[] framed = ByteBuffer.allocate(6).put((byte) 0).putInt(4711).put((byte) 0).array();

    assertThatThrownBy(() -> AvroEventSerde.forTopic(registry, Topics.LEDGER).deserializer().deserialize("t", framed))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("4711")
        .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e ->
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.SCHEMA_NOT_FOUND));
  }

  @Test
  void truncatedAvroIsASerializationErrorNamingTheTopic() {
    byte[] bytes = AvroEventSerde.forTopic(registry, Topics.REQUESTS).serializer()
        .serialize(Topics.REQUESTS.name(), EventExamples.httpRequest());
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> AvroEventSerde.forTopic(registry, Topics.REQUESTS).deserializer()
        .deserialize(Topics.REQUESTS.name(), truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(Topics.REQUESTS.name());
  }

  @Test
  void anIncompatibleRegisteredSchemaMakesSerializationFail() {
    String subject = AvroEventSerializer.subject(Topics.REPLIES.name(), Verdict.getClassSchema());
    Schema unrelated = SchemaBuilder.record("Verdict").namespace("dev.witness.schemas.event")
        .fields().requiredString("somethingElse").endRecord();
    registry.register(subject, unrelated);

    assertThatThrownBy(() -> AvroEventSerde.forTopic(registry, Topics.REPLIES).serializer()
        .serialize(Topics.REPLIES.name(), EventExamples.verdict()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining(subject)
        .cause().isInstanceOfSatisfying(SchemaRegistryException.class, e ->
            assertThat(e.errorCode()).isEqualTo(RegistryErrorCode.INCOMPATIBLE_SCHEMA));
  }

  @SuppressWarnings("unchecked")
  private <T extends SpecificRecord> Serde<T> serde(Topic<?> topic) {
    return (Serde<T>) AvroEventSerde.forTopic(registry, topic);
  }

  private <T extends SpecificRecord> T roundTrip(Topic<?> topic, T event) {
    Serde<T> serde = serde(topic);
    byte[] bytes = serde.serializer().serialize(topic.name(), event);
    return serde.deserializer().deserialize(topic.name(), bytes);
  }
}
