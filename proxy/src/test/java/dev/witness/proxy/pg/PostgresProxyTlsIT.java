package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.embedded.ScratchDirectory;
import dev.witness.embedded.SharedPostgres;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.PostgresTlsConfig;
import dev.witness.schemas.config.ProxyConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

/** SSLRequest accepted with a configured certificate (pgJDBC and psql with sslmode=require). */
class PostgresProxyTlsIT {

  private static InMemoryTopologies witness;
  private static PostgresProxyListener tlsProxy;
  private static PostgresProxyListener plainProxy;
  private static String database;
  private static Path dir;

  @BeforeAll
  static void start() throws Exception {
    dir = ScratchDirectory.deletedOnExit("witness-pg-tls");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
        "-days", "1", "-subj", "/CN=localhost").redirectErrorStream(true).start();
    String out = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0).as(out).isTrue();
    witness = new InMemoryTopologies();
    database = SharedPostgres.freshDatabase("pg_tls");
    PostgresProxyConfig pg = new PostgresProxyConfig("127.0.0.1:0", null,
        PostgresBackendConfig.trust("127.0.0.1", SharedPostgres.server().port(), database, "postgres"), null, null, null);
    AgentAuthenticator agents =
        new AgentAuthenticator(List.of(new AgentConfig("a", AgentAuthenticator.sha256Hex("tok"), null)));
    tlsProxy = PostgresProxyListener.start(new ProxyConfig(0, Duration.ofSeconds(2), null, pg.withTls(
        new PostgresTlsConfig(dir.resolve("cert.pem").toString(), dir.resolve("key.pem").toString()))),
        agents, witness, witness.replies);
    plainProxy = PostgresProxyListener.start(new ProxyConfig(0, Duration.ofSeconds(2), null, pg), agents,
        witness, witness.replies);
  }

  @AfterAll
  static void stop() {
    tlsProxy.close();
    plainProxy.close();
    witness.close();
  }

  private static Connection connect(int port, String sslmode) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "a");
    p.setProperty("password", "tok");
    p.setProperty("sslmode", sslmode);
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
  }

  @Test
  void pgJdbcRequiringTlsConnectsEncrypted() throws SQLException {
    try (Connection c = connect(tlsProxy.port(), "require"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 41 + 1")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(42);
    }
  }

  @Test
  void psqlRequiringTlsConnectsEncrypted() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/psql", "host=127.0.0.1 port=" + tlsProxy.port() + " user=a dbname="
        + database + " sslmode=require", "-X", "-At", "-c", "select ssl_is_used()", "-c", "\\conninfo")
        .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", "tok");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0).as(out).isTrue();
    assertThat(out).contains("SSL connection");
  }

  @Test
  void withoutTlsConfiguredRequiringTlsFailsAndPreferringItFallsBack() throws SQLException {
    assertThatThrownBy(() -> connect(plainProxy.port(), "require")).isInstanceOf(SQLException.class)
        .hasMessageContaining("SSL");
    try (Connection c = connect(plainProxy.port(), "prefer")) {
      assertThat(c.isValid(2)).isTrue();
    }
  }
}
