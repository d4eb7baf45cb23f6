package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.embedded.SharedPostgres;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.auth.ScramVerifier;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.RequestIntercepted;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Agents with a SCRAM verifier configured prove their token by SCRAM-SHA-256 (pgJDBC, psql). */
class PostgresProxyScramIT {

  private static final String TOKEN = "scram-agent-token-31";
  private static InMemoryTopologies witness;
  private static PostgresProxyListener proxy;
  private static String database;

  @BeforeAll
  static void start() {
    witness = new InMemoryTopologies();
    database = SharedPostgres.freshDatabase("pg_scram");
    PostgresProxyConfig pg = new PostgresProxyConfig("127.0.0.1:0", null,
        PostgresBackendConfig.trust("127.0.0.1", SharedPostgres.server().port(), database, "postgres"), null, null, null);
    AgentConfig agent = new AgentConfig("s", AgentAuthenticator.sha256Hex(TOKEN), null)
        .withScramSha256(ScramVerifier.create(TOKEN).text());
    proxy = PostgresProxyListener.start(new ProxyConfig(0, Duration.ofSeconds(2), null, pg),
        new AgentAuthenticator(List.of(agent)), witness, witness.replies);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    witness.close();
  }

  private static Connection connect(String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "s");
    p.setProperty("password", password);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database, p);
  }

  @Test
  void pgJdbcLogsInByScramAndStatementsRecordTheMethod() throws Exception {
    try (Connection c = connect(TOKEN); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 'scram ok'")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("scram ok");
    }
    RequestIntercepted event = witness.requests.stream()
        .filter(r -> r.getBody().toString().contains("scram ok")).findFirst().orElseThrow();
    assertThat(event.getAuthentication().getMethod()).isEqualTo(PgEventFactory.SCRAM);
    assertThat(event.getHeader().getAgent().getId()).isEqualTo("s");
  }

  @Test
  void aWrongTokenFailsTheScramProofWith28P01() {
    assertThatThrownBy(() -> connect("not-" + TOKEN)).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).isEqualTo("28P01"));
  }

  @Test
  void psqlLogsInByScram() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/psql", "host=127.0.0.1 port=" + proxy.port() + " user=s dbname="
        + database + " sslmode=disable", "-X", "-At", "-c", "select 40 + 2")
        .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", TOKEN);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    assertThat(out.strip()).isEqualTo("42");
  }
}
