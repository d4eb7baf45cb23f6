package dev.witness.connectors.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.config.SlackApprovalsConfig;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.TopicProvisioner;
import dev.witness.schemas.topic.Topics;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole Slack approval loop against the real broker, the real Slack SDK and Bolt, with Slack's
 * cloud replaced by a local server speaking its Web API: request posted, button clicked (signed
 * like Slack signs), decision recorded with the approver's identity, message updated.
 */
class SlackApprovalsIT {

  static final String BOT_TOKEN = "xoxb-1234-5678-witnesstest";
  static final String SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  static final String STORE_TOPIC = "witness.slack-messages.it";

  private static String bootstrap;
  private static SchemaRegistryClient registry;
  private static KafkaProducer<String, SpecificRecord> approvals;
  private static DecisionReader decisions;

  private FakeSlackWebApi slack;
  private SlackApprovals connector;
  private Javalin http;
  private SlackInteractivity interactivity;

  @BeforeAll
  static void kafka() {
    bootstrap = SharedKafka.bootstrap();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      new TopicProvisioner(admin, KafkaConfig.defaults().withBootstrap(bootstrap)).provision();
    }
    registry = new InMemorySchemaRegistryClient();
    approvals = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
        new StringSerializer(), AvroEventSerde.forTopic(registry, Topics.APPROVALS).serializer());
    decisions = new DecisionReader(bootstrap, registry);
  }

  @AfterAll
  static void closeKafka() {
    approvals.close();
    decisions.close();
  }

  @BeforeEach
  void start() throws Exception {
    slack = new FakeSlackWebApi(BOT_TOKEN);
    slack.addUser("U0ALICE", "alice@example.com");
    slack.addUser("U0BOB", "bob@example.com");
    connector = startConnector();
  }

  private SlackApprovals startConnector() {
    SlackApprovals started = SlackApprovals.start(
        new SlackApprovalsConfig(BOT_TOKEN, null, null, SIGNING_SECRET, null, null, SlackInteractivity.CHANNEL, slack.apiUrl()),
        bootstrap, (short) 1, registry, STORE_TOPIC, Clock.systemUTC(), Duration.ofMillis(100));
    http = SlackRoute.mount(Javalin.create(), started.interactionHandler()).start("127.0.0.1", 0);
    interactivity = new SlackInteractivity(URI.create("http://127.0.0.1:" + http.port() + SlackRoute.PATH), SIGNING_SECRET);
    return started;
  }

  @AfterEach
  void stop() {
    http.stop();
    connector.close();
    slack.close();
  }

  private static void produce(String approvalId, SpecificRecord event) throws Exception {
    approvals.send(new ProducerRecord<>(Topics.APPROVALS.name(), approvalId, event)).get();
  }

  private FakeSlackWebApi.Call awaitPosted(String approvalId) {
    return slack.await("chat.postMessage", c -> c.params().getOrDefault("blocks", "").contains(approvalId));
  }

  @Test
  void anApprovalIsPostedApprovedInSlackRecordedAndTheMessageUpdated() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    ApprovalRequested requested = ApprovalEvents.requested(id, Instant.now().plusSeconds(600));
    requested.setStatement("DELETE FROM customers WHERE last_login < ?");
    requested.setRisk("HIGH");
    produce(id, requested);

    FakeSlackWebApi.Call post = awaitPosted(id);
    assertThat(post.token()).isEqualTo(BOT_TOKEN);
    assertThat(post.params().get("channel")).isEqualTo(SlackInteractivity.CHANNEL);
    assertThat(post.params().get("text")).contains("billing-agent").contains("postgres:demo");
    String blocks = post.params().get("blocks");
    assertThat(blocks).contains("billing-agent").contains("dana@example.com").contains("JIRA-4711 close stale accounts")
        .contains("postgres:demo").contains("destructive-sql, bulk-delete").contains("1 approval from dba")
        .contains("\"action_id\":\"witness_approve:" + id + "\"").contains("\"action_id\":\"witness_reject:" + id + "\"");
    assertThat(post.json("blocks").toString()).contains("```DELETE FROM customers WHERE last_login &lt; ?```")
        .contains("*Risk*\\nHIGH");
    String ts = (String) post.answer().get("ts");

    HttpResponse<String> click = interactivity.send(SlackInteractivity.blockAction("U0ALICE", ApprovalActions.approve(id), id, ts));
    assertThat(click.statusCode()).isEqualTo(200);

    ApprovalDecision decision = decisions.first(id);
    assertThat(decision.getChannel()).isEqualTo("slack");
    assertThat(decision.getApproverId()).isEqualTo("U0ALICE");
    assertThat(decision.getApproverEmail()).isEqualTo("alice@example.com");
    assertThat(decision.getApprove()).isTrue();
    assertThat(decision.getReason()).isNull();
    assertThat(decision.getDecidedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now());
    assertThat(slack.await("chat.postEphemeral", c -> c.params().get("text").contains(id)).params())
        .containsEntry("user", "U0ALICE").containsEntry("channel", SlackInteractivity.CHANNEL);

    produce(id, ApprovalEvents.decided(id, ApprovalOutcome.APPROVED, List.of(decision)));

    FakeSlackWebApi.Call update = slack.await("chat.update", c -> c.params().getOrDefault("blocks", "").contains(id));
    assertThat(update.params()).containsEntry("channel", SlackInteractivity.CHANNEL).containsEntry("ts", ts);
    JsonNode updated = update.json("blocks");
    assertThat(updated.toString()).contains("Approved").contains("<@U0ALICE>").contains("alice@example.com")
        .contains("<!date^" + decision.getDecidedAt().getEpochSecond() + "^")
        .doesNotContain("witness_approve").doesNotContain("witness_reject");
    assertThat(update.params().get("text")).contains("Approved").contains("alice@example.com");
  }

  @Test
  void aRejectionAsksForAReasonInAModalAndRecordsIt() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    produce(id, ApprovalEvents.requested(id, Instant.now().plusSeconds(600)));
    String ts = (String) awaitPosted(id).answer().get("ts");

    HttpResponse<String> click = interactivity.send(SlackInteractivity.blockAction("U0BOB", ApprovalActions.reject(id), id, ts));
    assertThat(click.statusCode()).isEqualTo(200);
    FakeSlackWebApi.Call open = slack.await("views.open", c -> c.params().getOrDefault("view", "").contains(id));
    assertThat(open.params().get("trigger_id")).isEqualTo("1700000100.1234.5b6e0e0a4d3c");
    JsonNode modal = open.json("view");
    assertThat(modal.get("callback_id").asText()).isEqualTo(ApprovalActions.REJECT_MODAL);
    assertThat(modal.toString()).contains("\"action_id\":\"reason_input\"");

    HttpResponse<String> submit = interactivity.send(SlackInteractivity.rejectSubmission(
        "U0BOB", modal.get("private_metadata").asText(), "Deletes 40k rows; use the archive job instead"));
    assertThat(submit.statusCode()).isEqualTo(200);
    assertThat(submit.body()).doesNotContain("errors");

    ApprovalDecision decision = decisions.first(id);
    assertThat(decision.getApproverId()).isEqualTo("U0BOB");
    assertThat(decision.getApproverEmail()).isEqualTo("bob@example.com");
    assertThat(decision.getApprove()).isFalse();
    assertThat(decision.getReason()).isEqualTo("Deletes 40k rows; use the archive job instead");

    produce(id, ApprovalEvents.decided(id, ApprovalOutcome.REJECTED, List.of(decision)));
    FakeSlackWebApi.Call update = slack.await("chat.update", c -> c.params().getOrDefault("blocks", "").contains(id));
    assertThat(update.params()).containsEntry("ts", ts);
    // Blocks are JSON text in which Gson escapes '<' and '>': compare the parsed blocks.
    assertThat(update.json("blocks").toString()).contains("Rejected").contains("rejected by <@U0BOB>")
        .contains("Deletes 40k rows; use the archive job instead").doesNotContain("witness_approve");
  }

  @Test
  void aBadOrStaleSignatureIsRefusedWith401AndRecordsNothing() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    var forged = SlackInteractivity.blockAction("U0MALLORY", ApprovalActions.approve(id), id, "1700000000.000001");

    assertThat(interactivity.send(forged, "not-the-signing-secret", Instant.now()).statusCode()).isEqualTo(401);
    assertThat(interactivity.send(forged, SIGNING_SECRET, Instant.now().minusSeconds(600)).statusCode()).isEqualTo(401);

    // A valid vote on the same approval lands in the same partition after anything the forged ones wrote.
    assertThat(interactivity.send(SlackInteractivity.blockAction("U0ALICE", ApprovalActions.approve(id), id, "1.2"))
        .statusCode()).isEqualTo(200);
    ApprovalDecision first = decisions.first(id);
    assertThat(first.getApproverId()).isEqualTo("U0ALICE");
    assertThat(slack.calls("users.info")).noneMatch(c -> "U0MALLORY".equals(c.params().get("user")));
  }

  @Test
  void aFailedUserLookupRecordsNothingAndTellsTheApprover() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    slack.failNext("users.info", "missing_scope");

    assertThat(interactivity.send(SlackInteractivity.blockAction("U0BOB", ApprovalActions.approve(id), id, "1.2"))
        .statusCode()).isEqualTo(200);
    FakeSlackWebApi.Call told = slack.await("chat.postEphemeral", c -> "U0BOB".equals(c.params().get("user"))
        && c.params().get("text").contains("NOT recorded"));
    assertThat(told.params().get("text")).contains("missing_scope").doesNotContain("is recorded");

    assertThat(interactivity.send(SlackInteractivity.blockAction("U0ALICE", ApprovalActions.approve(id), id, "1.2"))
        .statusCode()).isEqualTo(200);
    assertThat(decisions.first(id).getApproverId()).isEqualTo("U0ALICE");
  }

  @Test
  void aRestartedConnectorUpdatesMessagesPostedBeforeAndDoesNotRepost() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    ApprovalRequested requested = ApprovalEvents.requested(id, Instant.now().plusSeconds(600));
    produce(id, requested);
    String ts = (String) awaitPosted(id).answer().get("ts");

    http.stop();
    connector.close();
    connector = startConnector();
    produce(id, requested);
    produce(id, ApprovalEvents.expired(id));

    FakeSlackWebApi.Call update = slack.await("chat.update", c -> c.params().getOrDefault("blocks", "").contains(id));
    assertThat(update.params()).containsEntry("ts", ts).containsEntry("channel", SlackInteractivity.CHANNEL);
    assertThat(update.params().get("blocks")).contains("Expired").contains("not forwarded").doesNotContain("witness_approve");
    assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.params().get("blocks").contains(id)).hasSize(1);
  }

  @Test
  void aRateLimitedPostIsRetriedNotLost() throws Exception {
    String id = ApprovalEvents.newApprovalId();
    slack.failNext("chat.postMessage", "ratelimited");
    produce(id, ApprovalEvents.requested(id, Instant.now().plusSeconds(600)));

    FakeSlackWebApi.Call posted = slack.await("chat.postMessage",
        c -> c.params().getOrDefault("blocks", "").contains(id) && Boolean.TRUE.equals(c.answer().get("ok")));
    assertThat(posted.answer().get("ts")).isNotNull();
    assertThat(slack.calls("chat.postMessage")).filteredOn(c -> c.params().get("blocks").contains(id))
        .extracting(c -> c.answer().get("ok")).containsExactly(false, true);
  }

  @Test
  void anAlreadyExpiredRequestIsNotPosted() throws Exception {
    String stale = ApprovalEvents.newApprovalId();
    String fresh = ApprovalEvents.newApprovalId();
    produce(stale, ApprovalEvents.requested(stale, Instant.now().minusSeconds(5)));
    produce(stale, ApprovalEvents.requested(fresh, Instant.now().plusSeconds(600)));

    awaitPosted(fresh);
    assertThat(slack.calls("chat.postMessage")).noneMatch(c -> c.params().get("blocks").contains(stale));
  }
}
