package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.deploy.LauncherRun;
import dev.witness.schemas.config.WitnessConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent going away while its statement is held for approval (real standalone: broker, proxy,
 * approval topology, evidence API; real psql and pgJDBC): the approval ends CANCELLED, in the
 * ledger too, the statement never runs, and an approver's later Approve is refused.
 */
class ApprovalCancelIT {

  @AutoClose
  private static Standalone witness;
  private static EvidenceClient auditor;
  private static EvidenceClient approver;

  @BeforeAll
  static void start() throws Exception {
    StartedStandalone started = StartedStandalone.start(WitnessConfig.defaults(), "cancel");
    witness = started.witness();
    auditor = started.auditor();
    approver = started.approver();
  }

  @Test
  void psqlKilledWhileItsSchemaChangeIsHeldCancelsTheApproval() throws Exception {
    String purpose = "cancel-close-" + UUID.randomUUID();
    String column = "gone_" + Long.toHexString(System.nanoTime());
    Process psql = DemoAgentSession.psql(witness, purpose, "alter table customers add column " + column + " text");
    JsonNode pending = awaitApproval("pending", purpose);
    String approvalId = pending.path("approvalId").asText();

    psql.destroyForcibly();
    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();

    JsonNode cancelled = awaitApproval("cancelled", purpose);
    assertThat(cancelled.path("approvalId").asText()).isEqualTo(approvalId);
    assertApproveIsRefusedAndNothingRan(approvalId, column);
    JsonNode detail = approver.json("/v1/approvals/" + approvalId);
    assertThat(detail.toString()).contains("the agent's connection closed").contains("\"proxy\"");
    LauncherRun show = LauncherRun.of("approvals", "show", approvalId, "--url", witness.evidenceApiUrl(),
        "--token-file", witness.dataDirectory().approverToken().toString());
    assertThat(show.out()).contains("cancel by demo-agent via proxy");
    assertLedgerShowsTheCancellation(purpose, approvalId);
  }

  @Test
  void pgJdbcCancellingTheHeldStatementCancelsTheApproval() throws Exception {
    String purpose = "cancel-request-" + UUID.randomUUID();
    String column = "gone_" + Long.toHexString(System.nanoTime());
    Properties login = new Properties();
    login.setProperty("user", "demo-agent");
    login.setProperty("password", witness.credentials().agentToken());
    login.setProperty("sslmode", "disable");
    login.setProperty("ApplicationName", "witness:purpose=" + purpose);
    String url = "jdbc:postgresql://" + witness.endpoints().postgresHost() + ":" + witness.endpoints().postgresPort()
        + "/demo";
    try (Connection c = DriverManager.getConnection(url, login); Statement statement = c.createStatement()) {
      CompletableFuture<Void> held = CompletableFuture.runAsync(() -> {
        try {
          statement.execute("alter table customers add column " + column + " text");
        } catch (SQLException e) {
          throw new RuntimeException(e);
        }
      });
      String approvalId = awaitApproval("pending", purpose).path("approvalId").asText();
      assertThat(held).isNotDone();

      // pgJDBC sends a CancelRequest with the key the proxy gave it, on a new connection.
      statement.cancel();

      Throwable error = catchThrowable(() -> held.get(90, TimeUnit.SECONDS));
      assertThat(error).hasRootCauseInstanceOf(SQLException.class);
      SQLException sql = (SQLException) rootCause(error);
      // What PostgreSQL answers a cancelled statement: query_canceled.
      assertThat(sql.getSQLState()).isEqualTo("57014");
      assertThat(sql.getMessage()).contains(approvalId).contains("cancelled");
      awaitApproval("cancelled", purpose);
      assertApproveIsRefusedAndNothingRan(approvalId, column);
      assertLedgerShowsTheCancellation(purpose, approvalId);
      // The session stays usable after the withdrawn statement.
      assertThat(c.createStatement().executeQuery("select 1").next()).isTrue();
    }
  }

  private static void assertApproveIsRefusedAndNothingRan(String approvalId, String column) throws Exception {
    LauncherRun approve = LauncherRun.of("approvals", "approve", approvalId, "--reason", "too late",
        "--url", witness.evidenceApiUrl(), "--token-file", witness.dataDirectory().approverToken().toString());
    assertThat(approve.code()).as(approve.out() + approve.err()).isNotZero();
    assertThat(approve.out() + approve.err()).containsIgnoringCase("final");
    assertThat(DemoAgentSession.columnExists(witness, column)).isFalse();
  }

  private static void assertLedgerShowsTheCancellation(String purpose, String approvalId) {
    JsonNode session = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText()));
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<JsonNode> events = auditor.events(session.path("sessionId").asText());
      assertThat(events.toString()).contains(approvalId).containsIgnoringCase("cancelled").contains("\"proxy\"");
    });
  }

  private static JsonNode awaitApproval(String state, String purpose) {
    JsonNode[] found = new JsonNode[1];
    JsonNode[] lastListed = new JsonNode[1];
    try {
      Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
        lastListed[0] = approver.json("/v1/approvals?state=" + state);
        for (JsonNode a : lastListed[0].path("approvals")) {
          if (purpose.equals(a.path("purpose").asText())) {
            found[0] = a;
            return true;
          }
        }
        return false;
      });
    } catch (ConditionTimeoutException e) {
      String recent;
      try {
        recent = auditor.json("/v1/events?limit=50").toString();
      } catch (Exception failed) {
        recent = failed.toString();
      }
      throw new AssertionError("no " + state + " approval with purpose " + purpose + "; last listed: " + lastListed[0]
          + "; recent events: " + recent, e);
    }
    return found[0];
  }

  private static Throwable rootCause(Throwable t) {
    Throwable cause = t;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
