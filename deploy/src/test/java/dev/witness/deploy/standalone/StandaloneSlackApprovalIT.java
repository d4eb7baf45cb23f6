package dev.witness.deploy.standalone;

import static dev.witness.deploy.standalone.DemoAgentSession.awaitApproval;
import static dev.witness.deploy.standalone.DemoAgentSession.columnExists;
import static dev.witness.deploy.standalone.DemoAgentSession.psql;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.connectors.slack.ApprovalActions;
import dev.witness.connectors.slack.FakeSlackWebApi;
import dev.witness.connectors.slack.SlackInteractivity;
import dev.witness.deploy.LauncherRun;
import dev.witness.schemas.config.ApprovalsConfig;
import dev.witness.schemas.config.SlackApprovalsConfig;
import dev.witness.schemas.config.WitnessConfig;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Just-in-time approvals as an approver meets them in Slack: standalone started with
 * {@code approvals.slack} pointing at a local server that speaks Slack's Web API, psql through the
 * PostgreSQL proxy, and button clicks and modal submissions signed as Slack signs them, posted to
 * the evidence API's {@code /slack/events}. The approval hold is short, so a statement nobody
 * decides in time fails and can be re-run once approved.
 */
class StandaloneSlackApprovalIT {

  private static final String BOT_TOKEN = "xoxb-2024-1111-standalonetest";
  private static final String SIGNING_SECRET = "4c2a9f0e7b1d3c5a8e6f0b2d4a6c8e1f";
  private static final String CHANNEL = SlackInteractivity.CHANNEL;
  /** The demo approver's Slack account: its email is in the demo-approvers group. */
  private static final String SLACK_APPROVER = "U0DEMOAPPROVER";
  private static final Duration APPROVAL_HOLD = Duration.ofSeconds(12);

  private static FakeSlackWebApi slack;
  private static Standalone witness;
  private static EvidenceClient auditor;
  private static SlackInteractivity interactivity;

  @BeforeAll
  static void start() throws Exception {
    slack = new FakeSlackWebApi(BOT_TOKEN);
    slack.addUser(SLACK_APPROVER, DemoCredentials.APPROVER_EMAIL);
    slack.addUser("U0OUTSIDER", "someone-else@example.com");
    WitnessConfig base = WitnessConfig.defaults();
    WitnessConfig config = base
        .withApprovals(new ApprovalsConfig(new SlackApprovalsConfig(BOT_TOKEN, null, null, SIGNING_SECRET, null, null,
            CHANNEL, slack.apiUrl()), null))
        .withProxy(base.proxy().withApprovalHold(APPROVAL_HOLD));
    StartedStandalone started = StartedStandalone.start(config, "slack-e2e");
    witness = started.witness();
    auditor = started.auditor();
    interactivity = new SlackInteractivity(URI.create(witness.evidenceApiUrl() + "/slack/events"), SIGNING_SECRET);
  }

  @AfterAll
  static void stop() {
    if (witness != null) {
      witness.close();
    }
    if (slack != null) {
      slack.close();
    }
  }

  @Test
  void aSchemaChangeIsHeldPostedToSlackApprovedThereAndExecuted() throws Exception {
    String purpose = "slack-ddl-" + UUID.randomUUID();
    String column = "slack_" + Long.toHexString(System.nanoTime());
    Process psql = psql(witness, purpose, "alter table customers add column " + column + " text");

    JsonNode pending = awaitApproval(witness, "pending", purpose);
    String approvalId = pending.path("approvalId").asText();
    FakeSlackWebApi.Call post = slack.await("chat.postMessage",
        c -> c.params().getOrDefault("blocks", "").contains(approvalId));
    assertThat(post.token()).isEqualTo(BOT_TOKEN);
    assertThat(post.params().get("channel")).isEqualTo(CHANNEL);
    assertThat(post.json("blocks").toString()).contains("demo-agent").contains("postgres:demo")
        .contains("alter table customers add column " + column)
        .contains("\"action_id\":\"" + ApprovalActions.approve(approvalId) + "\"")
        .contains("\"action_id\":\"" + ApprovalActions.reject(approvalId) + "\"");
    assertThat(psql.isAlive()).as("psql waits while the statement is held").isTrue();
    assertThat(columnExists(witness, column)).as("nothing forwarded before approval").isFalse();

    String ts = (String) post.answer().get("ts");
    HttpResponse<String> click = interactivity.send(
        SlackInteractivity.blockAction(SLACK_APPROVER, ApprovalActions.approve(approvalId), approvalId, ts));
    assertThat(click.statusCode()).as(click.body()).isEqualTo(200);

    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.exitValue()).as(output).isZero();
    assertThat(output).contains("ALTER TABLE");
    assertThat(columnExists(witness, column)).isTrue();

    String sessionId = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText())).path("sessionId").asText();
    List<JsonNode> events = auditor.awaitEvents(sessionId, 5);
    assertThat(events.toString()).contains(approvalId).contains(SLACK_APPROVER).contains(DemoCredentials.APPROVER_EMAIL);
    JsonNode approved = awaitApproval(witness, "approved", purpose);
    assertThat(approved.toString()).contains(SLACK_APPROVER).contains(DemoCredentials.APPROVER_EMAIL).contains("slack");

    FakeSlackWebApi.Call update = slack.await("chat.update",
        c -> c.params().getOrDefault("blocks", "").contains(approvalId) && c.params().get("text").contains("Approved"));
    assertThat(update.params()).containsEntry("channel", CHANNEL).containsEntry("ts", ts);
    assertThat(update.json("blocks").toString()).contains("<@" + SLACK_APPROVER + ">")
        .contains(DemoCredentials.APPROVER_EMAIL).doesNotContain(ApprovalActions.APPROVE_PREFIX);
  }

  @Test
  void aRejectionInSlackFailsTheStatementWith42501NamingTheReasonAndTheApproval() throws Exception {
    String purpose = "slack-reject-" + UUID.randomUUID();
    String column = "rejected_" + Long.toHexString(System.nanoTime());
    Process psql = psql(witness, purpose, "alter table customers add column " + column + " text");

    String approvalId = awaitApproval(witness, "pending", purpose).path("approvalId").asText();
    FakeSlackWebApi.Call post = slack.await("chat.postMessage",
        c -> c.params().getOrDefault("blocks", "").contains(approvalId));
    String ts = (String) post.answer().get("ts");
    assertThat(interactivity.send(SlackInteractivity.blockAction(SLACK_APPROVER, ApprovalActions.reject(approvalId),
        approvalId, ts)).statusCode()).isEqualTo(200);
    FakeSlackWebApi.Call modal = slack.await("views.open", c -> c.params().getOrDefault("view", "").contains(approvalId));
    String reason = "no schema changes during the freeze";
    HttpResponse<String> submit = interactivity.send(SlackInteractivity.rejectSubmission(SLACK_APPROVER,
        modal.json("view").get("private_metadata").asText(), reason));
    assertThat(submit.statusCode()).isEqualTo(200);
    assertThat(submit.body()).doesNotContain("errors");

    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.exitValue()).as(output).isNotZero();
    assertThat(output).contains("ERROR:  42501:").contains(reason).contains(approvalId).contains(SLACK_APPROVER);
    assertThat(columnExists(witness, column)).isFalse();
    assertThat(slack.await("chat.update", c -> c.params().getOrDefault("blocks", "").contains(approvalId)
        && c.params().get("text").contains("Rejected")).json("blocks").toString()).contains(reason);
  }

  @Test
  void aHoldThatRunsOutNamesThePendingApprovalAndTheSameStatementPassesOnceApproved() throws Exception {
    String purpose = "slack-timeout-" + UUID.randomUUID();
    String column = "late_" + Long.toHexString(System.nanoTime());
    String ddl = "alter table customers add column " + column + " text";
    Process held = psql(witness, purpose, ddl);

    String approvalId = awaitApproval(witness, "pending", purpose).path("approvalId").asText();
    assertThat(held.waitFor(APPROVAL_HOLD.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
    String timedOut = new String(held.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(held.exitValue()).as(timedOut).isNotZero();
    assertThat(timedOut).contains("ERROR:  42501:").contains("approval " + approvalId + " is pending")
        .contains("re-run the same statement once it is approved");
    assertThat(columnExists(witness, column)).isFalse();

    LauncherRun approve = LauncherRun.of("approvals", "approve", approvalId, "--reason", "ticket 77",
        "--url", witness.evidenceApiUrl(), "--token-file", witness.dataDirectory().approverToken().toString());
    assertThat(approve.code()).as(approve.out() + approve.err()).isZero();
    awaitApproval(witness, "approved", purpose);
    assertThat(columnExists(witness, column)).as("approving after the hold forwards nothing by itself").isFalse();

    Process rerun = psql(witness, purpose + "-rerun", ddl);
    assertThat(rerun.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String rerunOutput = new String(rerun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(rerun.exitValue()).as(rerunOutput).isZero();
    assertThat(columnExists(witness, column)).isTrue();

    String changedPurpose = purpose + "-changed";
    Process changed = psql(witness, changedPurpose, ddl.replace(column, column + "_2"));
    JsonNode again = awaitApproval(witness, "pending", changedPurpose);
    assertThat(again.path("approvalId").asText()).isNotEqualTo(approvalId);
    assertThat(changed.isAlive()).as("a changed statement is held again").isTrue();
    LauncherRun reject = LauncherRun.of("approvals", "reject", again.path("approvalId").asText(),
        "--reason", "not this one", "--url", witness.evidenceApiUrl(),
        "--token-file", witness.dataDirectory().approverToken().toString());
    assertThat(reject.code()).as(reject.out() + reject.err()).isZero();
    assertThat(changed.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String changedOutput = new String(changed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(changed.exitValue()).as(changedOutput).isNotZero();
    assertThat(changedOutput).contains("ERROR:  42501:").contains("not this one")
        .contains(again.path("approvalId").asText());
    assertThat(columnExists(witness, column + "_2")).isFalse();
  }

  @Test
  void aClickFromSomeoneOutsideTheApproverGroupApprovesNothing() throws Exception {
    String purpose = "slack-outsider-" + UUID.randomUUID();
    Process psql = psql(witness, purpose, "update customers set city = 'Elsewhere'");

    String approvalId = awaitApproval(witness, "pending", purpose).path("approvalId").asText();
    String ts = (String) slack.await("chat.postMessage", c -> c.params().getOrDefault("blocks", "").contains(approvalId))
        .answer().get("ts");
    assertThat(interactivity.send(SlackInteractivity.blockAction("U0OUTSIDER", ApprovalActions.approve(approvalId),
        approvalId, ts)).statusCode()).isEqualTo(200);

    assertThat(psql.waitFor(APPROVAL_HOLD.toSeconds() + 30, TimeUnit.SECONDS)).isTrue();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.exitValue()).as(output).isNotZero();
    assertThat(output).contains("approval " + approvalId + " is pending");
    awaitApproval(witness, "pending", purpose);
    try (Connection c = DriverManager.getConnection(witness.endpoints().demoDatabase(), "postgres", "");
        ResultSet rs = c.createStatement().executeQuery("select count(*) from customers where city = 'Elsewhere'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }
}
