package dev.witness.streams.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.witness.schemas.config.MaskingConfig;
import dev.witness.schemas.config.MaskingPlanConfig;
import dev.witness.schemas.config.MaskingRule;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.masking.content.MaskingFixtures;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
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
    raw = TestDrivers.input(driver, registry, Topics.RESPONSES_RAW);
    replies = TestDrivers.output(driver, registry, Topics.REPLIES);
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
    chunk.setContentType("text/plain"); // a JSON body in several chunks is held until its last: see below

    raw.pipeInput("s-1", chunk);
    TestRecord<String, SpecificRecord> record = replies.readRecord();
    MaskedChunk masked = (MaskedChunk) record.value();

    assertThat(record.key()).isEqualTo("s-1");
    assertThat(masked.getRequestId()).isEqualTo(chunk.getRequestId());
    assertThat(masked.getReplyPartition()).isEqualTo(chunk.getReplyPartition());
    assertThat(masked.getChunkIndex()).isZero();
    assertThat(masked.getLast()).isFalse();
    assertThat(masked.getHead()).isEqualTo(chunk.getHead());
    assertThat(masked.getContentType()).isEqualTo("text/plain");
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
  void eachMaskedChunkIsTimedOnTheGlobalRegistry() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.globalRegistry.add(meters);
    try {
      ResponseChunk chunk = TestEvents.chunk(TestEvents.http("s-t", 1, "GET", "/customers", 0), 2, 0, true, "a@b.example");
      chunk.setContentType("text/plain");

      raw.pipeInput("s-t", chunk);
      replies.readRecord();

      assertThat(meters.get(MaskingProcessor.MASKING_TIME).timer().count()).isEqualTo(1);
    } finally {
      Metrics.globalRegistry.remove(meters);
    }
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
        .setContentType("text/plain")
        .build();

    raw.pipeInput("s-2", ResponseChunk.newBuilder(TestEvents.chunk(request, 2, 0, false, "a")).setContentType("text/plain").build());
    raw.pipeInput("s-2", ResponseChunk.newBuilder(TestEvents.chunk(request, 3, 1, false, "b")).setContentType("text/plain").build());
    raw.pipeInput("s-2", failing);

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked).extracting(MaskedChunk::getChunkIndex).containsExactly(0, 1, 2);
    assertThat(masked).extracting(MaskedChunk::getLast).containsExactly(false, false, true);
    assertThat(masked.get(2).getError()).isEqualTo("upstream reset");
    assertThat(TestEvents.text(masked.get(2).getPayload())).isEqualTo("tail");
  }

  @Test
  void appliesThePlanTheVerdictNamedAndTheSectionWhenItNamesNone() {
    driver.close();
    MaskingConfig config = new MaskingConfig(null, null, null, null, null, null,
        List.of(new MaskingRule("base-notes", null, List.of("notes"), null, "redact")), null,
        Map.of("pii", new MaskingPlanConfig(null, null, Map.of("email", "token"),
            List.of(new MaskingRule("pii-names", null, List.of("name"), null, "token")))), null);
    driver = new TopologyTestDriver(MaskingTopology.build(registry, config, Clock.fixed(NOW, ZoneOffset.UTC)),
        TestDrivers.props("masking", stateDir));
    raw = TestDrivers.input(driver, registry, Topics.RESPONSES_RAW);
    replies = TestDrivers.output(driver, registry, Topics.REPLIES);
    String body = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"notes\":\"vip\"}";
    RequestIntercepted request = TestEvents.http("s-plan", 1, "GET", "/customers/1", 0);

    raw.pipeInput("s-plan", TestEvents.chunk(request, 2, 0, true, body));
    ResponseChunk planned = TestEvents.chunk(request, 3, 0, true, body);
    planned.setMaskPlan("pii");
    raw.pipeInput("s-plan", planned);
    ResponseChunk unknown = TestEvents.chunk(request, 4, 0, true, body);
    unknown.setMaskPlan("pci");
    raw.pipeInput("s-plan", unknown);

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(TestEvents.text(masked.get(0).getPayload()))
        .isEqualTo("{\"name\":\"Ada Lovelace\",\"email\":\"[EMAIL]\",\"notes\":\"[MASKED]\"}");
    String withPlan = TestEvents.text(masked.get(1).getPayload());
    assertThat(withPlan).doesNotContain("Ada Lovelace").doesNotContain("ada@example.com")
        .contains("\"name\":\"tok_masked_").contains("\"email\":\"tok_email_").contains("\"notes\":\"[MASKED]\"");
    assertThat(masked.get(1).getMaskings()).extracting(MaskingApplied::getField, MaskingApplied::getOperator)
        .contains(tuple("$.name", "token"), tuple("$.email", "token"), tuple("$.notes", "redact"));
    assertThat(masked.get(2).getPayload().remaining()).isZero();
    assertThat(masked.get(2).getError()).isEqualTo("withheld: unknown masking plan pci");
  }

  @Test
  void masksAJsonBodyCutInsideAStringAcrossChunksAsOneDocument() {
    RequestIntercepted request = TestEvents.http("s-cut", 1, "GET", "/customers", 0);
    String body = "{\"customers\":[{\"email\":\"ada.lovelace@example.com\",\"phone\":\"(212) 555-0143\"}]}";
    int cutEmail = body.indexOf("lovelace@") + 4;
    int cutPhone = body.indexOf("555-") + 2;
    List<String> parts = List.of(body.substring(0, cutEmail), body.substring(cutEmail, cutPhone), body.substring(cutPhone));

    for (int i = 0; i < parts.size(); i++) {
      raw.pipeInput("s-cut", TestEvents.chunk(request, 2 + i, i, i == parts.size() - 1, parts.get(i)));
    }

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked).extracting(MaskedChunk::getChunkIndex).containsExactly(0, 1, 2);
    assertThat(masked).extracting(MaskedChunk::getError).containsOnlyNulls();
    assertThat(masked.get(0).getPayload().remaining()).isZero();
    assertThat(masked.get(1).getPayload().remaining()).isZero();
    String agentSees = masked.stream().map(m -> TestEvents.text(m.getPayload())).reduce("", String::concat);
    assertThat(agentSees).isEqualTo("{\"customers\":[{\"email\":\"[EMAIL]\",\"phone\":\"[PHONE]\"}]}");
    assertThat(masked.get(2).getMaskings()).extracting(MaskingApplied::getField)
        .containsExactly("$.customers[*].email", "$.customers[*].phone");
  }

  @Test
  void aWatchStreamIsMaskedAndReleasedOneEventAtATimeNotWhenItEnds() {
    RequestIntercepted request = TestEvents.http("s-watch", 1, "GET", "/api/v1/namespaces/demo/configmaps", 0);
    String added = "{\"type\":\"ADDED\",\"object\":{\"data\":{\"owner\":\"ada.lovelace@example.com\"}}}\n";
    String modified = "{\"type\":\"MODIFIED\",\"object\":{\"data\":{\"owner\":\"grace.hopper@example.com\"}}}\n";
    int cut = modified.indexOf("hopper@");

    raw.pipeInput("s-watch", TestEvents.chunk(request, 2, 0, false, added));
    List<MaskedChunk> first = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    raw.pipeInput("s-watch", TestEvents.chunk(request, 3, 1, false, modified.substring(0, cut)));
    raw.pipeInput("s-watch", TestEvents.chunk(request, 4, 2, false, modified.substring(cut)));
    List<MaskedChunk> next = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();

    assertThat(first).singleElement().satisfies(m -> {
      assertThat(TestEvents.text(m.getPayload()))
          .isEqualTo("{\"type\":\"ADDED\",\"object\":{\"data\":{\"owner\":\"[EMAIL]\"}}}\n");
      assertThat(m.getMaskings()).extracting(MaskingApplied::getField).containsExactly("$.object.data.owner");
    });
    assertThat(next).hasSize(2);
    assertThat(next.get(0).getPayload().remaining()).as("half an event is held").isZero();
    assertThat(TestEvents.text(next.get(1).getPayload()))
        .isEqualTo("{\"type\":\"MODIFIED\",\"object\":{\"data\":{\"owner\":\"[EMAIL]\"}}}\n");
    KeyValueStore<String, HeldJson> held = driver.getKeyValueStore(MaskingProcessor.JSON_STORE);
    assertThat(held.get(request.getRequestId())).isNull();
  }

  @Test
  void aPrettyPrintedBodyCutAtALineEndIsStillHeldUntilItsLastChunk() {
    RequestIntercepted request = TestEvents.http("s-pretty", 1, "GET", "/customers", 0);

    raw.pipeInput("s-pretty", TestEvents.chunk(request, 2, 0, false, "{\n  \"email\": \"ada@example.com\",\n"));
    raw.pipeInput("s-pretty", TestEvents.chunk(request, 3, 1, true, "  \"note\": \"}\"\n}\n"));

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked.get(0).getPayload().remaining()).isZero();
    assertThat(TestEvents.text(masked.get(1).getPayload())).contains("[EMAIL]").doesNotContain("ada@");
  }

  @Test
  void aRedeliveredJsonChunkIsNotHeldTwice() {
    RequestIntercepted request = TestEvents.http("s-again", 1, "GET", "/customers", 0);
    ResponseChunk first = TestEvents.chunk(request, 2, 0, false, "{\"email\":\"ada@exa");

    raw.pipeInput("s-again", first);
    raw.pipeInput("s-again", first);
    raw.pipeInput("s-again", TestEvents.chunk(request, 3, 1, true, "mple.com\"}"));

    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(TestEvents.text(masked.get(2).getPayload())).isEqualTo("{\"email\":\"[EMAIL]\"}");
  }

  @Test
  void heldJsonWhoseLastChunkNeverComesIsDropped() {
    RequestIntercepted request = TestEvents.http("s-gone", 1, "GET", "/customers", 0);
    raw.pipeInput("s-gone", TestEvents.chunk(request, 2, 0, false, "{\"email\":\"ada@exa"));
    KeyValueStore<String, HeldJson> held = driver.getKeyValueStore(MaskingProcessor.JSON_STORE);
    assertThat(held.get(request.getRequestId())).isNotNull();

    driver.advanceWallClockTime(MaskingProcessor.ABANDONED_AFTER.plusMinutes(2));

    assertThat(held.get(request.getRequestId())).isNull();
  }

  @Test
  void sqlHeadWhoseLastChunkNeverComesIsDroppedAndARunningOneIsKept() {
    RequestIntercepted gone = TestEvents.sql("s-gone-sql", 1, "SELECT * FROM customers", 0);
    RequestIntercepted running = TestEvents.sql("s-running-sql", 1, "SELECT * FROM customers", 0);
    SqlResultHead head = SqlResultHead.newBuilder()
        .setColumns(List.of(MaskingFixtures.column("email", 1043, 0))).build();
    raw.pipeInput("s-gone-sql", sqlChunk(gone, 2, 0, false, head, MaskingFixtures.rows(new Object[] {"a@example.com"})));
    KeyValueStore<String, ValueAndTimestamp<SqlResultHead>> heads =
        driver.getTimestampedKeyValueStore(MaskingProcessor.HEADS_STORE);
    assertThat(heads.get(gone.getRequestId()).timestamp()).as("stored at the wall-clock time").isPositive();

    driver.advanceWallClockTime(MaskingProcessor.ABANDONED_AFTER.minusMinutes(3));
    raw.pipeInput("s-running-sql",
        sqlChunk(running, 2, 0, false, head, MaskingFixtures.rows(new Object[] {"b@example.com"})));
    driver.advanceWallClockTime(Duration.ofMinutes(5));

    assertThat(heads.get(gone.getRequestId())).isNull();
    assertThat(heads.get(running.getRequestId())).isNotNull();
    // The running request's later chunk is still masked by its columns.
    raw.pipeInput("s-running-sql", sqlChunk(running, 3, 1, true, null, MaskingFixtures.rows(new Object[] {"c@example.com"})));
    List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
    assertThat(masked.getLast().getMaskings()).extracting(MaskingApplied::getField).containsExactly("email");
    assertThat(heads.get(running.getRequestId())).isNull();
  }

  @Test
  void aJsonBodyOverTheBufferIsWithheldInStrictModeAndTextScannedInBestEffort() {
    for (String mode : List.of("strict", "best-effort")) {
      driver.close();
      MaskingConfig config = new MaskingConfig(mode, null, null, null, null, null,
          List.of(new MaskingRule("names", null, List.of("name"), null, "redact")), null, null, 32);
      driver = new TopologyTestDriver(MaskingTopology.build(registry, config, Clock.fixed(NOW, ZoneOffset.UTC)),
          TestDrivers.props("masking", stateDir.resolve(mode)));
      raw = TestDrivers.input(driver, registry, Topics.RESPONSES_RAW);
      replies = TestDrivers.output(driver, registry, Topics.REPLIES);
      RequestIntercepted request = TestEvents.http("s-big-" + mode, 1, "GET", "/customers", 0);

      raw.pipeInput(request.getHeader().getSessionId(),
          TestEvents.chunk(request, 2, 0, false, "[{\"email\":\"ada@example.com\",\"note\":\""));
      raw.pipeInput(request.getHeader().getSessionId(),
          TestEvents.chunk(request, 3, 1, false, "call bob@example.com\"},"));
      raw.pipeInput(request.getHeader().getSessionId(), TestEvents.chunk(request, 4, 2, true, "{}]"));

      List<MaskedChunk> masked = replies.readValuesToList().stream().map(MaskedChunk.class::cast).toList();
      String agentSees = masked.stream().map(m -> TestEvents.text(m.getPayload())).reduce("", String::concat);
      assertThat(agentSees).doesNotContain("ada@example.com").doesNotContain("bob@example.com");
      if (mode.equals("strict")) {
        assertThat(masked.get(1).getError()).isEqualTo("withheld: application/json response over masking.jsonBufferBytes in strict mode");
      } else {
        assertThat(masked).extracting(MaskedChunk::getError).containsOnlyNulls();
        assertThat(agentSees).isEqualTo("[{\"email\":\"[EMAIL]\",\"note\":\"call [EMAIL]\"},{}]");
      }
    }
  }

  @Test
  void failsClosedOnAnEncryptedChunk() {
    ResponseChunk chunk = TestEvents.encrypted(
        TestEvents.chunk(TestEvents.http("s-3", 1, "GET", "/customers", 0), 2, 0, true, "secret"));

    raw.pipeInput("s-3", chunk);
    MaskedChunk masked = (MaskedChunk) replies.readValue();

    assertThat(masked.getPayload().remaining()).isZero();
    assertThat(masked.getError()).isEqualTo(PassThroughMasker.ENCRYPTED_NOT_SUPPORTED);
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
    assertThat(driver.<String, SqlResultHead>getTimestampedKeyValueStore("masking-sql-heads").get(request.getRequestId()))
        .isNull();
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
    raw = TestDrivers.input(driver, registry, Topics.RESPONSES_RAW);
    replies = TestDrivers.output(driver, registry, Topics.REPLIES);
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
