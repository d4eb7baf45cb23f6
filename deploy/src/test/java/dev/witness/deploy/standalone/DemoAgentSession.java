package dev.witness.deploy.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;

/** What the approval end-to-end tests do as the demo agent, approver and operator of a running standalone. */
final class DemoAgentSession {

  private DemoAgentSession() {}

  /** Starts {@code psql -c sql} as the demo agent through the PostgreSQL proxy; the caller waits for it. */
  static Process psql(Standalone witness, String purpose, String sql) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("psql",
        "host=" + witness.endpoints().postgresHost() + " port=" + witness.endpoints().postgresPort()
            + " user=demo-agent dbname=demo sslmode=disable application_name=witness:purpose=" + purpose,
        "-X", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-c", sql)
        .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", witness.credentials().agentToken());
    Process psql = builder.start();
    psql.getOutputStream().close();
    return psql;
  }

  /** The approval of the request made with {@code purpose}, once the evidence API lists it in {@code state}. */
  static JsonNode awaitApproval(Standalone witness, String state, String purpose) {
    JsonNode[] found = new JsonNode[1];
    EvidenceClient approver = new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().approverToken());
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode a : approver.json("/v1/approvals?state=" + state).path("approvals")) {
        if (purpose.equals(a.path("purpose").asText())) {
          found[0] = a;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Whether the demo database's customers table has {@code column}, asked directly (not through Witness). */
  static boolean columnExists(Standalone witness, String column) throws Exception {
    try (Connection c = DriverManager.getConnection(witness.endpoints().demoDatabase(), "postgres", "");
        ResultSet rs = c.getMetaData().getColumns(null, "public", "customers", column)) {
      return rs.next();
    }
  }
}
