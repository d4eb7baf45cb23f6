package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.testing.MutableClock;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
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

class SiemTopologyTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path stateDir;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RequestIntercepted> requests;
  private TestInputTopic<String, SpecificRecord> replies;
  private TestInputTopic<String, SpecificRecord> approvals;
  private TestOutputTopic<String, String> ocsf;

  @BeforeEach
  void start() {
    driver = new TopologyTestDriver(SiemTopology.build(registry, SiemEvents.CLOCK), TestDrivers.props("siem", stateDir));
    requests = TestDrivers.input(driver, registry, Topics.REQUESTS);
    replies = TestDrivers.input(driver, registry, Topics.REPLIES);
    approvals = TestDrivers.input(driver, registry, Topics.APPROVALS);
    ocsf = driver.createOutputTopic(Topics.SIEM_OCSF, Serdes.String().deserializer(), Serdes.String().deserializer());
  }

  @AfterEach
  void close() {
    driver.close();
  }

  @Test
  void aRequestAndItsVerdictBecomeOneDatastoreActivityKeyedBySession() throws Exception {
    RequestIntercepted request = TestEvents.sql("s-1", 1, "SELECT * FROM customers", 0);
    Verdict verdict = SiemEvents.verdict(request, Decision.ALLOW, null, "allow-reads");

    requests.pipeInput("s-1", request);
    assertThat(ocsf.isEmpty()).isTrue();
    replies.pipeInput("s-1", verdict);

    List<TestRecord<String, String>> out = ocsf.readRecordsToList();
    assertThat(out).hasSize(1);
    assertThat(out.get(0).key()).isEqualTo("s-1");
    JsonNode event = JSON.readTree(out.get(0).value());
    assertThat(event.get("class_uid").asInt()).isEqualTo(6005);
    assertThat(event.at("/metadata/uid").asText()).isEqualTo(verdict.getHeader().getEventId());
    assertThat(OcsfSchemas.problems(out.get(0).value())).isEmpty();
  }

  @Test
  void aVerdictThatArrivesFirstWaitsForItsRequest() throws Exception {
    RequestIntercepted request = TestEvents.http("s-2", 1, "DELETE", "/customers/1", 0);

    replies.pipeInput("s-2", SiemEvents.verdict(request, Decision.DENY, "no deletes"));
    assertThat(ocsf.isEmpty()).isTrue();
    requests.pipeInput("s-2", request);

    JsonNode event = JSON.readTree(ocsf.readValue());
    assertThat(event.get("class_uid").asInt()).isEqualTo(4002);
    assertThat(event.get("disposition_id").asInt()).isEqualTo(2);
    assertThat(ocsf.isEmpty()).isTrue();
  }

  @Test
  void aHeldRequestYieldsTheHoldAndThenItsOutcome() throws Exception {
    RequestIntercepted request = TestEvents.sql("s-3", 1, "DELETE FROM customers", 0);
    Verdict held = SiemEvents.verdict(request, Decision.REQUIRE_APPROVAL, "needs approval");
    Verdict followUp = Verdict.newBuilder(SiemEvents.verdict(request, Decision.ALLOW, "approved"))
        .setHeader(EventHeader.newBuilder(held.getHeader()).setEventId(held.getHeader().getEventId() + "-final").build())
        .build();

    requests.pipeInput("s-3", request);
    replies.pipeInput("s-3", held);
    replies.pipeInput("s-3", followUp);

    List<String> out = ocsf.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(JSON.readTree(out.get(0)).get("disposition_id").asInt()).isEqualTo(14);
    assertThat(JSON.readTree(out.get(1)).get("disposition_id").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(out.get(1)).at("/metadata/uid").asText()).endsWith("-final");
  }

  @Test
  void failedAuthenticationsAndFirstRequestsAreLogons() throws Exception {
    requests.pipeInput("s-4", TestEvents.http("s-4", 0, "GET", "/", 0, AuthenticationOutcome.FAILED));
    requests.pipeInput("s-5", TestEvents.sql("s-5", 0, "SELECT 1", 0));

    List<String> out = ocsf.readValuesToList();
    assertThat(out).hasSize(2);
    assertThat(out).allSatisfy(json -> {
      assertThat(JSON.readTree(json).get("class_uid").asInt()).isEqualTo(3002);
      assertThat(OcsfSchemas.problems(json)).isEmpty();
    });
    assertThat(JSON.readTree(out.get(0)).get("status_id").asInt()).isEqualTo(2);
    assertThat(JSON.readTree(out.get(1)).get("status_id").asInt()).isEqualTo(1);
  }

  @Test
  void approvalEventsAreEntityManagementKeyedBySession() throws Exception {
    ApprovalRequested requested = SiemEvents.approvalRequested(TestEvents.sql("s-6", 2, "DROP TABLE t", 0), "appr-6");

    approvals.pipeInput("appr-6", requested);
    approvals.pipeInput("appr-6", SiemEvents.approvalDecided(requested, ApprovalOutcome.APPROVED));

    List<TestRecord<String, String>> out = ocsf.readRecordsToList();
    assertThat(out).extracting(TestRecord::key).containsExactly("s-6", "s-6");
    assertThat(out).extracting(r -> JSON.readTree(r.value()).get("type_uid").asLong()).containsExactly(300401L, 300403L);
  }

  @Test
  void anAllowedRequestsSettlingChunkYieldsItsResponseOnce() throws Exception {
    RequestIntercepted request = TestEvents.http("s-7", 1, "GET", "/customers", 0);
    requests.pipeInput("s-7", request);
    replies.pipeInput("s-7", SiemEvents.verdict(request, Decision.ALLOW, null));
    ocsf.readValuesToList();

    replies.pipeInput("s-7", ResponseOutcomeTest.chunk(request, 0, false, HttpResponseHead.newBuilder().setStatus(200).build(), null));
    replies.pipeInput("s-7", ResponseOutcomeTest.chunk(request, 1, true, null, null));

    List<String> out = ocsf.readValuesToList();
    assertThat(out).hasSize(1);
    assertThat(JSON.readTree(out.get(0)).at("/http_response/code").asInt()).isEqualTo(200);
    assertThat(OcsfSchemas.problems(out.get(0))).isEmpty();
  }

  @Test
  void aDeniedRequestHasNoResponseEventAndNullsAreIgnored() {
    RequestIntercepted request = TestEvents.sql("s-8", 1, "SELECT 1", 0);
    requests.pipeInput("s-8", request);
    replies.pipeInput("s-8", SiemEvents.verdict(request, Decision.DENY, "no"));
    ocsf.readValuesToList();

    replies.pipeInput("s-8", ResponseOutcomeTest.chunk(request, 0, true, null, null));
    replies.pipeInput("s-8", (SpecificRecord) null);
    approvals.pipeInput("appr-x", (SpecificRecord) null);

    assertThat(ocsf.isEmpty()).isTrue();
  }

  @Test
  void requestsWhoseOtherHalfNeverComesAreDroppedAfterTheRetention() {
    driver.close();
    MutableClock clock = new MutableClock(SiemEvents.NOW);
    driver = new TopologyTestDriver(SiemTopology.build(registry, clock, Duration.ofMinutes(10)),
        TestDrivers.props("siem", stateDir), SiemEvents.NOW);
    requests = TestDrivers.input(driver, registry, Topics.REQUESTS);
    replies = TestDrivers.input(driver, registry, Topics.REPLIES);
    ocsf = driver.createOutputTopic(Topics.SIEM_OCSF, Serdes.String().deserializer(), Serdes.String().deserializer());
    RequestIntercepted request = TestEvents.sql("s-9", 1, "SELECT 1", 0);
    requests.pipeInput("s-9", request);

    clock.advance(Duration.ofMinutes(11));
    driver.advanceWallClockTime(Duration.ofMinutes(11));
    replies.pipeInput("s-9", SiemEvents.verdict(request, Decision.ALLOW, null));

    // The request was dropped, so the late verdict waits alone and nothing is emitted.
    assertThat(ocsf.isEmpty()).isTrue();
  }
}
