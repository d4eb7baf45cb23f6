package dev.witness.streams.masking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.masking.content.MaskingFixtures;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaskingTopologyTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:09Z");

  @TempDir Path stateDir;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private TopologyTestDriver driver;
  private TestInputTopic<String, ResponseChunk> raw;
  private TestOutputTopic<String, SpecificRecord> replies;

  @BeforeEach
  void start() {
    driver = new TopologyTestDriver(
        MaskingTopology.build(registry, Clock.fixed(NOW, ZoneOffset.UTC)), TestDrivers.props("masking", stateDir));
    raw = driver.createInputTopic(Topics.RESPONSES_RAW.name(), Serdes.String().serializer(),
        AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW).serializer());
    replies = driver.createOutputTopic(Topics.REPLIES.name(), Serdes.String().deserializer(),
        AvroEventSerde.forTopic(registry, Topics.REPLIES).deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void staysOneHopWithoutRepartitioning() {
    assertThat(MaskingTopology.build(registry, Clock.systemUTC()).describe().subtopologies()).hasSize(1);
  }

  @Test
  void passesAPlaintextChunkThroughWithADerivedHeader() {
    ResponseChunk chunk = TestEvents.chunk(TestEvents.http("s-1", 4, "GET", "/customers", 0), 5, 0, false, "[{\"id\":1}]");

    raw.pipeInput("s-1", chunk);
    TestRecord<String, SpecificRecord> record = replies.readRecord();
    MaskedChunk masked = (MaskedChunk) record.value();

    assertThat(record.key()).isEqualTo("s-1");
    assertThat(masked.getRequestId()).isEqualTo(chunk.getRequestId());
    assertThat(masked.getReplyPartition()).isEqualTo(chunk.getReplyPartition());
    assertThat(masked.getChunkIndex()).isZero();
    assertThat(masked.getLast()).isFalse();
    assertThat(masked.getHead()).isEqualTo(chunk.getHead());
    assertThat(masked.getContentType()).isEqualTo("application/json");
    assertThat(TestEvents.text(masked.getPayload())).isEqualTo("[{\"id\":1}]");
    assertThat(masked.getMaskings()).isEmpty();
    assertThat(masked.getError()).isNull();
    assertThat(masked.getHeader().getEventId())
        .isEqualTo(DerivedEventId.of(DerivedEventId.Kind.MASKED_CHUNK, chunk.getHeader()));
    assertThat(masked.getHeader().getSessionId()).isEqualTo("s-1");
    assertThat(masked.getHeader().getSequence()).isEqualTo(5);
    assertThat(masked.getHeader().getTimestamp()).isEqualTo(NOW);
  }

  @Test
  void aChunkProcessedAgainGetsAMaskedChunkWithTheSameEventId() {
    ResponseChunk chunk = TestEvents.chunk(TestEvents.http("s-1", 4, "GET", "/customers", 0), 5, 0, true, "[]");

    // At-least-once: after a crash before the commit, the same chunk is masked again.
    raw.pipeInput("s-1", chunk);
    raw.pipeInput("s-1", chunk);

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked).hasSize(2);
    assertThat(masked.get(1).getHeader().getEventId()).isEqualTo(masked.get(0).getHeader().getEventId());
  }

  @Test
  void keepsChunkOrderAndTheTargetsError() {
    RequestIntercepted request = TestEvents.http("s-2", 1, "GET", "/customers", 0);
    ResponseChunk failing = ResponseChunk.newBuilder(TestEvents.chunk(request, 4, 2, true, "tail"))
        .setError("upstream reset")
        .build();

    raw.pipeInput("s-2", TestEvents.chunk(request, 2, 0, false, "a"));
    raw.pipeInput("s-2", TestEvents.chunk(request, 3, 1, false, "b"));
    raw.pipeInput("s-2", failing);

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked).extracting(MaskedChunk::getChunkIndex).containsExactly(0, 1, 2);
    assertThat(masked).extracting(MaskedChunk::getLast).containsExactly(false, false, true);
    assertThat(masked.get(2).getError()).isEqualTo("upstream reset");
    assertThat(TestEvents.text(masked.get(2).getPayload())).isEqualTo("tail");
  }

  @Test
  void failsClosedOnAnEncryptedChunk() {
    ResponseChunk chunk = TestEvents.encrypted(
        TestEvents.chunk(TestEvents.http("s-3", 1, "GET", "/customers", 0), 2, 0, true, "secret"));

    raw.pipeInput("s-3", chunk);
    MaskedChunk masked = (MaskedChunk) replies.readValue();

    assertThat(masked.getPayload().remaining()).isZero();
    assertThat(masked.getError()).isEqualTo("encrypted payloads are not supported yet");
    assertThat(masked.getRequestId()).isEqualTo(chunk.getRequestId());
    assertThat(masked.getLast()).isTrue();
    assertThat(replies.isEmpty()).isTrue();
  }

  @Test
  void masksAMultiChunkSqlResultWithTheColumnsOfItsFirstChunk() {
    RequestIntercepted request = TestEvents.sql("s-4", 1, "SELECT * FROM customers", 0);
    List<SqlColumn> columns = List.of(MaskingFixtures.column("id", 23, 0), MaskingFixtures.column("email", 1043, 0),
        MaskingFixtures.column("phone", 25, 0), MaskingFixtures.column("card", 25, 0));
    List<String> pii = List.of("jane@example.com", "(415) 555-2671", "4111 1111 1111 1111", "bob@corp.example",
        "+44 20 7946 0958", "5555-5555-5555-4444");
    raw.pipeInput("s-4", sqlChunk(request, 2, 0, false, SqlResultHead.newBuilder().setColumns(columns).build(),
        MaskingFixtures.rows(new Object[] {"1", pii.get(0), pii.get(1), pii.get(2)})));
    raw.pipeInput("s-4", sqlChunk(request, 3, 1, false, null,
        MaskingFixtures.rows(new Object[] {"2", pii.get(3), pii.get(4), null})));
    raw.pipeInput("s-4", sqlChunk(request, 4, 2, true, SqlResultHead.newBuilder().setCommandTag("SELECT 3").build(),
        MaskingFixtures.rows(new Object[] {"3", null, null, pii.get(5)})));

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked).hasSize(3);
    List<List<String>> rows = masked.stream()
        .flatMap(m -> MaskingFixtures.parse(TestEvents.bytes(m.getPayload())).stream()).toList();
    assertThat(rows).extracting(r -> r.get(0)).containsExactly("1", "2", "3");
    assertThat(rows.get(1)).containsExactly("2", "[EMAIL]", "[PHONE]", null);
    assertThat(rows.get(2).get(3)).isEqualTo("****-****-****-4444");
    assertNoPii(masked, pii);
    assertThat(masked.get(1).getMaskings()).extracting(MaskingApplied::getField).containsExactly("email", "phone");
    assertThat(driver.<String, SqlResultHead>getKeyValueStore("masking-sql-heads").get(request.getRequestId())).isNull();
  }

  @Test
  void masksAJsonResponseWithoutLeakingAnyValue() {
    RequestIntercepted request = TestEvents.http("s-5", 1, "GET", "/customers", 0);
    List<String> pii = List.of("jane@example.com", "GB82WEST12345698765432", "536-22-1234", "AKIAIOSFODNN7EXAMPLE");
    String body = "{\"customers\":[{\"id\":1,\"email\":\"" + pii.get(0) + "\",\"iban\":\"" + pii.get(1)
        + "\",\"notes\":\"ssn " + pii.get(2) + "\"}],\"debug\":\"key " + pii.get(3) + "\"}";
    raw.pipeInput("s-5", TestEvents.chunk(request, 2, 0, true, body));

    MaskedChunk masked = (MaskedChunk) replies.readValue();
    assertThat(TestEvents.text(masked.getPayload())).isEqualTo("{\"customers\":[{\"id\":1,\"email\":\"[EMAIL]\","
        + "\"iban\":\"[IBAN]\",\"notes\":\"ssn [SSN]\"}],\"debug\":\"key [AWS_KEY_ID]\"}");
    assertNoPii(List.of(masked), pii);
  }

  @Test
  void strictModeWithholdsBinaryContent() {
    driver.close();
    MaskingConfig strict = new MaskingConfig("strict", null, null, null, null, null, null, null);
    driver = new TopologyTestDriver(MaskingTopology.build(registry, strict, Clock.fixed(NOW, ZoneOffset.UTC)),
        TestDrivers.props("masking", stateDir));
    raw = driver.createInputTopic(Topics.RESPONSES_RAW.name(), Serdes.String().serializer(),
        AvroEventSerde.forTopic(registry, Topics.RESPONSES_RAW).serializer());
    replies = driver.createOutputTopic(Topics.REPLIES.name(), Serdes.String().deserializer(),
        AvroEventSerde.forTopic(registry, Topics.REPLIES).deserializer());
    ResponseChunk pdf = ResponseChunk.newBuilder(
            TestEvents.chunk(TestEvents.http("s-6", 1, "GET", "/file", 0), 2, 0, true, "%PDF-1.7 jane@example.com"))
        .setContentType("application/pdf").build();

    raw.pipeInput("s-6", pdf);
    MaskedChunk masked = (MaskedChunk) replies.readValue();

    assertThat(masked.getPayload().remaining()).isZero();
    assertThat(masked.getError()).isEqualTo("withheld: cannot parse application/pdf in strict mode");
  }

  private static ResponseChunk sqlChunk(RequestIntercepted request, long sequence, int index, boolean last,
      SqlResultHead head, byte[] rows) {
    return ResponseChunk.newBuilder(TestEvents.chunk(request, sequence, index, last, ""))
        .setHead(head)
        .setContentType(ContentMasker.WIRE_ROWS)
        .setPayload(ByteBuffer.wrap(rows))
        .build();
  }

  /** No original value in any output record, in whatever field (serialized form scanned whole). */
  private static void assertNoPii(List<MaskedChunk> masked, List<String> pii) {
    for (MaskedChunk m : masked) {
      String serialized;
      try {
        serialized = new String(m.toByteBuffer().array(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      for (String value : pii) {
        assertThat(serialized).doesNotContain(value);
      }
    }
  }
}
