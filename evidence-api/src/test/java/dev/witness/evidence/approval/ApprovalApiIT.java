package dev.witness.evidence.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.embedded.SharedKafka;
import dev.witness.evidence.api.ApiAuthenticator;
import dev.witness.evidence.api.EvidenceApi;
import dev.witness.evidence.api.ReadinessProbe.Readiness;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.ingest.LedgerConsumers;
import dev.witness.evidence.ingest.LedgerIngestor;
import dev.witness.evidence.ingest.LedgerRecordConverter;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.evidence.support.TestTopics;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import io.javalin.Javalin;
import io.javalin.testtools.JavalinTest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval endpoints against the real broker and PostgreSQL: approval events reach the store
 * through the ledger ingestor, decisions posted over HTTP are read back from
 * {@code witness.approval-decisions}.
 */
class ApprovalApiIT {

  private static final Instant T0 = Instant.parse("2025-04-01T09:00:00.123456Z");
  /** A ledger topic of its own: other test classes chain entries into witness.ledger. */
  private static final String LEDGER_TOPIC = "witness.ledger.approvals-it";
  private static final String SESSION = "approvals-it-session";
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static final List<ApiUserConfig> USERS = List.of(
      new ApiUserConfig("bob", hash("approver-token"), List.of("approver"), "bob@example.com"),
      new ApiUserConfig("carol", hash("approver-2-token"), List.of("approver")),
      new ApiUserConfig("alice", hash("auditor-token"), List.of("auditor")));

  private static String bootstrap;
  private static DataSource dataSource;
  private static EvidenceStore store;
  private static LedgerIngestor ingestor;
  private static KafkaDecisionPublisher publisher;
  private static final PendingVotes VOTES = new PendingVotes();
  private static DecisionFeed feed;

  @BeforeAll
  static void setUp() throws Exception {
    bootstrap = SharedKafka.bootstrap();
    TestTopics.ensure(bootstrap, LEDGER_TOPIC);
    TestTopics.ensure(bootstrap, Topics.APPROVAL_DECISIONS.name());
    dataSource = TestDatabases.migrated("approvals_it");
    store = EvidenceStore.on(dataSource);
    produceLedger(approvalTrail());
    ingestor = new LedgerIngestor(LedgerConsumers.create(bootstrap, Map.of("group.id", "approvals-it")),
        LEDGER_TOPIC, new LedgerRecordConverter(LedgerRecords.REGISTRY), store, Clock.systemUTC(),
        Duration.ofMillis(100));
    ingestor.start();
    publisher = KafkaDecisionPublisher.create(bootstrap, LedgerRecords.REGISTRY, Duration.ofSeconds(10), Map.of());
    feed = DecisionFeed.create(bootstrap, Map.of(), LedgerRecords.REGISTRY, VOTES, Clock.systemUTC());
    feed.start();
    await().atMost(Duration.ofSeconds(60)).until(() -> store.ledger().count() == 15);
  }

  @AfterAll
  static void tearDown() {
    if (ingestor != null) {
      ingestor.close();
    }
    if (publisher != null) {
      publisher.close();
    }
    if (feed != null) {
      feed.close();
    }
  }

  /**
   * One session: a-pending waits on a DELETE, a-rejected was rejected, a-approved was approved
   * and its request then ran (two response chunks), a-expired timed out.
   */
  private static List<LedgerEntry> approvalTrail() {
    Events e = new Events(SESSION, "agent-7", "postgres:demo", Protocol.SQL);
    LedgerChain chain = new LedgerChain(0);
    List<LedgerEntry> out = new ArrayList<>();
    held(e, chain, out, "r-pending", "a-pending", T0);
    held(e, chain, out, "r-rejected", "a-rejected", T0.plusSeconds(10));
    out.add(chain.append(decided(e, "a-rejected", ApprovalOutcome.REJECTED, T0.plusSeconds(20)), T0.plusSeconds(20)));
    held(e, chain, out, "r-approved", "a-approved", T0.plusSeconds(30));
    out.add(chain.append(decided(e, "a-approved", ApprovalOutcome.APPROVED, T0.plusSeconds(40)), T0.plusSeconds(40)));
    out.add(chain.append(e.httpChunk("r-approved", T0.plusSeconds(41), 0, false, new byte[] {1}), T0.plusSeconds(41)));
    out.add(chain.append(e.httpChunk("r-approved", T0.plusSeconds(42), 1, true, new byte[] {2}), T0.plusSeconds(42)));
    out.add(chain.append(e.approvalRequested("r-expired", "a-expired", T0.plusSeconds(50)), T0.plusSeconds(50)));
    out.add(chain.append(e.approvalExpired("a-expired", T0.plusSeconds(60)), T0.plusSeconds(60)));
    return out;
  }

  /** A request held for approval: request, verdict citing the approval, approval request. */
  private static void held(Events e, LedgerChain chain, List<LedgerEntry> out, String requestId, String approvalId,
      Instant at) {
    out.add(chain.append(e.sqlRequest(requestId, at, "DELETE FROM customers WHERE id = 42"), at));
    Verdict verdict = Verdict.newBuilder(e.verdict(requestId, at, Decision.REQUIRE_APPROVAL))
        .setApprovalId(approvalId).build();
    out.add(chain.append(verdict, at));
    ApprovalRequested requested = ApprovalRequested.newBuilder(e.approvalRequested(requestId, approvalId, at))
        .setStatement("DELETE FROM customers WHERE id = ?").setRisk("HIGH").build();
    out.add(chain.append(requested, at));
  }

  private static ApprovalDecided decided(Events e, String approvalId, ApprovalOutcome outcome, Instant at) {
    ApprovalDecision vote = ApprovalDecision.newBuilder().setDecisionId("d-" + approvalId).setApprovalId(approvalId)
        .setChannel("slack").setApproverId("U0DBA1").setApproverEmail("dana@example.com")
        .setApprove(outcome == ApprovalOutcome.APPROVED).setReason(outcome == ApprovalOutcome.APPROVED ? null : "no")
        .setDecidedAt(at).build();
    return ApprovalDecided.newBuilder(e.approvalDecided(approvalId, at)).setOutcome(outcome)
        .setDecisions(List.of(vote)).build();
  }

  private static void produceLedger(List<LedgerEntry> entries) throws Exception {
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
        new StringSerializer(), new ByteArraySerializer())) {
      for (LedgerEntry entry : entries) {
        producer.send(new ProducerRecord<>(LEDGER_TOPIC, entry.getPartition(), SESSION, LedgerRecords.value(entry)))
            .get(30, TimeUnit.SECONDS);
      }
    }
  }

  private static Javalin app(DecisionPublisher decisions) {
    return app(decisions, VOTES);
  }

  private static Javalin app(DecisionPublisher decisions, PendingVotes votes) {
    Javalin app = EvidenceApi.create(store.sessions(), store.ledger(), new ApiAuthenticator(USERS),
        () -> new Readiness(true, ingestor.status()));
    ApprovalApi.register(app, dataSource, decisions, votes, USERS, Clock.systemUTC());
    return app;
  }

  private record Reply(int status, String contentType, JsonNode json) {}

  private static Reply call(int port, String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = response.body().isEmpty() ? null : DocumentJson.mapper().readTree(response.body());
    return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), json);
  }

  private static Reply get(int port, String path, String token) throws Exception {
    return call(port, "GET", path, token, null);
  }

  private static Reply post(int port, String path, String token, String body) throws Exception {
    return call(port, "POST", path, token, body);
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().get("detail").asText()).isNotBlank();
  }

  private static List<String> ids(Reply reply) {
    List<String> ids = new ArrayList<>();
    reply.json().get("approvals").forEach(a -> ids.add(a.get("approvalId").asText()));
    return ids;
  }

  @Test
  void listsApprovalsByState() {
    JavalinTest.test(app(publisher), (server, client) -> {
      int port = server.port();
      Reply pending = get(port, "/v1/approvals?state=pending", "approver-token");
      assertThat(pending.status()).isEqualTo(200);
      assertThat(ids(pending)).containsExactly("a-pending");
      JsonNode a = pending.json().at("/approvals/0");
      assertThat(a.get("state").asText()).isEqualTo("pending");
      assertThat(a.at("/agent/id").asText()).isEqualTo("agent-7");
      assertThat(a.get("purpose").asText()).isEqualTo("TICKET-42");
      assertThat(a.get("resource").asText()).isEqualTo("postgres:demo");
      assertThat(a.get("statement").asText()).isEqualTo("DELETE FROM customers WHERE id = ?");
      assertThat(a.get("risk").asText()).isEqualTo("HIGH");
      assertThat(a.at("/rules/0").asText()).isEqualTo("approve-deletes");
      assertThat(a.get("quorum").asInt()).isEqualTo(2);
      assertThat(a.get("approverGroup").asText()).isEqualTo("dba");
      assertThat(a.get("requestId").asText()).isEqualTo("r-pending");
      assertThat(a.get("sessionId").asText()).isEqualTo(SESSION);
      assertThat(a.get("requestedAt").asText()).isEqualTo("2025-04-01T09:00:00.123456Z");
      assertThat(a.get("expiresAt").asText()).isEqualTo("2025-04-01T09:05:00.123456Z");
      assertThat(a.get("decisions")).isEmpty();
      assertThat(a.has("decidedAt")).isFalse();

      assertThat(ids(get(port, "/v1/approvals?state=rejected", "approver-token"))).containsExactly("a-rejected");
      assertThat(ids(get(port, "/v1/approvals?state=expired", "approver-token"))).containsExactly("a-expired");
      assertThat(ids(get(port, "/v1/approvals", "approver-token")))
          .containsExactly("a-pending", "a-rejected", "a-approved", "a-expired");
      assertThat(ids(get(port, "/v1/approvals?limit=1", "approver-token"))).containsExactly("a-pending");

      Reply approved = get(port, "/v1/approvals?state=approved", "approver-token");
      assertThat(ids(approved)).containsExactly("a-approved");
      JsonNode vote = approved.json().at("/approvals/0/decisions/0");
      assertThat(vote.get("approverId").asText()).isEqualTo("U0DBA1");
      assertThat(vote.get("approverEmail").asText()).isEqualTo("dana@example.com");
      assertThat(vote.get("kind").asText()).isEqualTo("approve");
      assertThat(vote.get("decidedAt").asText()).isEqualTo("2025-04-01T09:00:40.123456Z");
      assertThat(approved.json().at("/approvals/0/decidedAt").asText()).isEqualTo("2025-04-01T09:00:40.123456Z");

      assertProblem(get(port, "/v1/approvals?state=open", "approver-token"), 400);
      assertProblem(get(port, "/v1/approvals?limit=0", "approver-token"), 400);
      assertProblem(get(port, "/v1/approvals?stat=pending", "approver-token"), 400);
    });
  }

  @Test
  void showsOneApprovalWithTheExecutionThatFollowed() {
    JavalinTest.test(app(publisher), (server, client) -> {
      int port = server.port();
      Reply approved = get(port, "/v1/approvals/a-approved", "approver-token");
      assertThat(approved.status()).isEqualTo(200);
      assertThat(approved.json().at("/approval/state").asText()).isEqualTo("approved");
      assertThat(approved.json().at("/executions").size()).isEqualTo(1);
      JsonNode run = approved.json().at("/executions/0");
      assertThat(run.get("requestId").asText()).isEqualTo("r-approved");
      assertThat(run.get("chunks").asLong()).isEqualTo(2);
      assertThat(run.get("status").asInt()).isEqualTo(200);
      assertThat(run.get("complete").asBoolean()).isTrue();
      assertThat(run.get("lastAt").asText()).isEqualTo("2025-04-01T09:00:42.123456Z");

      Reply pending = get(port, "/v1/approvals/a-pending", "approver-token");
      assertThat(pending.json().at("/approval/state").asText()).isEqualTo("pending");
      assertThat(pending.json().get("executions")).isEmpty();
      assertProblem(get(port, "/v1/approvals/no-such-approval", "approver-token"), 404);
    });
  }

  @Test
  void auditorsReadTheWholeTrailInTheSessionEvents() {
    JavalinTest.test(app(publisher), (server, client) -> {
      Reply events = get(server.port(), "/v1/sessions/" + SESSION + "/events?limit=1000", "auditor-token");
      assertThat(events.status()).isEqualTo(200);
      List<String> trail = new ArrayList<>();
      JsonNode decidedVote = null;
      for (JsonNode event : events.json().get("events")) {
        if ("r-approved".equals(event.path("requestId").asText())
            || "a-approved".equals(event.at("/approval/approvalId").asText())) {
          trail.add(event.get("type").asText());
        }
        if ("a-approved".equals(event.at("/approval/approvalId").asText()) && event.at("/approval/decisions").size() > 0) {
          decidedVote = event.at("/approval/decisions/0");
        }
      }
      assertThat(trail).containsExactly("request", "verdict", "approval-requested", "approval-decided", "response",
          "response");
      assertThat(decidedVote).isNotNull();
      assertThat(decidedVote.get("approverId").asText()).isEqualTo("U0DBA1");
      assertThat(decidedVote.get("approverEmail").asText()).isEqualTo("dana@example.com");
      assertThat(decidedVote.get("kind").asText()).isEqualTo("approve");
      assertThat(decidedVote.get("decidedAt").asText()).isEqualTo("2025-04-01T09:00:40.123456Z");
    });
  }

  @Test
  void aDecisionIsAcknowledgedOnlyOnceKafkaHasIt() {
    JavalinTest.test(app(publisher), (server, client) -> {
      int port = server.port();
      Reply approve = post(port, "/v1/approvals/a-pending/decisions", "approver-token",
          "{\"approve\": true, \"reason\": \"ticket checked\"}");
      assertThat(approve.status()).isEqualTo(202);
      String approveId = approve.json().get("decisionId").asText();
      assertThat(approve.json().get("approverId").asText()).isEqualTo("bob");

      Reply reject = post(port, "/v1/approvals/a-pending/decisions", "approver-2-token",
          "{\"approve\": false, \"reason\": \"not during business hours\"}");
      assertThat(reject.status()).isEqualTo(202);
      String rejectId = reject.json().get("decisionId").asText();

      Map<String, ConsumerRecord<String, ApprovalDecision>> recorded = consumeDecisions(List.of(approveId, rejectId));
      ConsumerRecord<String, ApprovalDecision> first = recorded.get(approveId);
      assertThat(first.key()).isEqualTo("a-pending");
      assertThat(first.value().getApprovalId()).isEqualTo("a-pending");
      assertThat(first.value().getChannel()).isEqualTo("api");
      assertThat(first.value().getApproverId()).isEqualTo("bob");
      assertThat(first.value().getApproverEmail()).isEqualTo("bob@example.com");
      assertThat(first.value().getApprove()).isTrue();
      assertThat(first.value().getReason()).isEqualTo("ticket checked");
      ApprovalDecision second = recorded.get(rejectId).value();
      assertThat(second.getApproverId()).isEqualTo("carol");
      assertThat(second.getApproverEmail()).isNull();
      assertThat(second.getApprove()).isFalse();
      assertThat(second.getReason()).isEqualTo("not during business hours");

      // the votes show on the pending approval until its outcome reaches the ledger
      await().atMost(Duration.ofSeconds(30)).until(() -> get(port, "/v1/approvals/a-pending", "approver-token")
          .json().at("/approval/votes").size() >= 2);
      JsonNode votes = get(port, "/v1/approvals/a-pending", "approver-token").json().at("/approval/votes");
      List<String> voters = new ArrayList<>();
      votes.forEach(v -> voters.add(v.get("decisionId").asText() + " " + v.get("approverId").asText() + " "
          + v.get("approve").asBoolean()));
      assertThat(voters).contains(approveId + " bob true", rejectId + " carol false");
      assertThat(get(port, "/v1/approvals/a-rejected", "approver-token").json().at("/approval").has("votes")).isFalse();
      Reply again = post(port, "/v1/approvals/a-pending/decisions", "approver-token", "{\"approve\": true}");
      assertProblem(again, 409);
      assertThat(again.json().get("type").asText()).endsWith("already-voted");
    });
  }

  @Test
  void refusesWhatCannotBeDecided() {
    JavalinTest.test(app(publisher), (server, client) -> {
      int port = server.port();
      String path = "/v1/approvals/a-pending/decisions";
      Reply noReason = post(port, path, "approver-token", "{\"approve\": false}");
      assertProblem(noReason, 400);
      assertThat(noReason.json().get("field").asText()).isEqualTo("reason");
      assertProblem(post(port, path, "approver-token", "{\"approve\": false, \"reason\": \"  \"}"), 400);
      assertProblem(post(port, path, "approver-token", "{\"approve\": \"yes\"}"), 400);
      assertProblem(post(port, path, "approver-token", "{\"approve\": true, \"note\": \"x\"}"), 400);
      assertProblem(post(port, path, "approver-token", "not json"), 400);

      Reply fin = post(port, "/v1/approvals/a-rejected/decisions", "approver-token", "{\"approve\": true}");
      assertProblem(fin, 409);
      assertThat(fin.json().get("outcome").asText()).isEqualTo("rejected");
      assertThat(fin.json().get("detail").asText()).contains("a-rejected").contains("rejected");
      assertProblem(post(port, "/v1/approvals/a-expired/decisions", "approver-token", "{\"approve\": true}"), 409);
      assertProblem(post(port, "/v1/approvals/nope/decisions", "approver-token", "{\"approve\": true}"), 404);
    });
  }

  @Test
  void onlyApproversMayUseTheApprovalEndpoints() {
    JavalinTest.test(app(publisher), (server, client) -> {
      int port = server.port();
      assertProblem(get(port, "/v1/approvals", null), 401);
      assertProblem(post(port, "/v1/approvals/a-pending/decisions", null, "{\"approve\": true}"), 401);
      assertProblem(get(port, "/v1/approvals", "not-a-token"), 401);
      assertProblem(get(port, "/v1/approvals", "auditor-token"), 403);
      assertProblem(get(port, "/v1/approvals/a-pending", "auditor-token"), 403);
      assertProblem(post(port, "/v1/approvals/a-pending/decisions", "auditor-token", "{\"approve\": true}"), 403);
      // and approvers still read no evidence
      assertProblem(get(port, "/v1/sessions", "approver-token"), 403);
    });
  }

  @Test
  void brokerDownIsA503AndNothingIsClaimed() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (KafkaDecisionPublisher down = KafkaDecisionPublisher.create("127.0.0.1:" + closedPort,
        LedgerRecords.REGISTRY, Duration.ofSeconds(1), Map.of())) {
      // votes of other tests must not turn this into "already voted"
      JavalinTest.test(app(down, new PendingVotes()), (server, client) -> {
        Reply reply = post(server.port(), "/v1/approvals/a-pending/decisions", "approver-token",
            "{\"approve\": true, \"reason\": \"while the broker is down\"}");
        assertProblem(reply, 503);
        assertThat(reply.json().has("decisionId")).isFalse();
        assertThat(reply.json().get("detail").asText()).contains("not recorded");
      });
    }
  }

  /** Reads witness.approval-decisions from the start until every id in {@code decisionIds} was seen. */
  private static Map<String, ConsumerRecord<String, ApprovalDecision>> consumeDecisions(List<String> decisionIds) {
    Map<String, ConsumerRecord<String, ApprovalDecision>> found = new java.util.HashMap<>();
    try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringDeserializer(), new AvroEventDeserializer<>(LedgerRecords.REGISTRY, ApprovalDecision.class))) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (PartitionInfo p : consumer.partitionsFor(Topics.APPROVAL_DECISIONS.name())) {
        partitions.add(new TopicPartition(p.topic(), p.partition()));
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        for (ConsumerRecord<String, ApprovalDecision> r : consumer.poll(Duration.ofMillis(200))) {
          found.put(r.value().getDecisionId(), r);
        }
        return found.keySet().containsAll(decisionIds);
      });
    }
    return found;
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
