package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.embedded.SharedPostgres;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fail-closed cases against the real embedded PostgreSQL with an in-memory publisher standing in
 * for Kafka: a broker that cannot take the event, and a masked result that never comes back.
 */
class PostgresProxyFailClosedIT {

  private static InMemoryTopologies witness;
  private static String database;
  private static PostgresProxyListener proxy;

  @BeforeAll
  static void start() throws SQLException {
    witness = new InMemoryTopologies();
    database = SharedPostgres.freshDatabase("pg_fail_closed");
    try (Connection c = DriverManager.getConnection(SharedPostgres.jdbcUrl(database), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("create table t (id int)");
      s.execute("create table copied (id int, label text)");
    }
    PostgresProxyConfig pg = new PostgresProxyConfig("127.0.0.1:0", null,
        PostgresBackendConfig.trust("127.0.0.1", SharedPostgres.server().port(), database, "postgres"), null, null, null);
    proxy = PostgresProxyListener.start(new ProxyConfig(0, Duration.ofSeconds(1), null, pg),
        new AgentAuthenticator(List.of(new AgentConfig("a", AgentAuthenticator.sha256Hex("tok"), null))),
        witness, witness.replies);
  }

  @AfterAll
  static void stop() {
    proxy.close();
    witness.close();
  }

  private static Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "a");
    p.setProperty("password", "tok");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + database, p);
  }

  @Test
  void whenTheEventCannotBeWrittenNothingIsForwardedAndTheSessionSurvives() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      witness.failWith(new IllegalStateException("broker down"));
      try {
        assertThatThrownBy(() -> s.execute("insert into t values (1)")).isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08006");
          assertThat(e.getMessage()).contains("Witness cannot record this statement; nothing was forwarded");
        });
      } finally {
        witness.failWith(null);
      }
      try (ResultSet rs = s.executeQuery("select count(*) from t")) {
        rs.next();
        assertThat(rs.getInt(1)).isZero();
      }
    }
  }

  @Test
  void whenNoMaskedResultComesBackTheRowsAreWithheldAndTheConnectionEnds() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      witness.maskResults = false;
      try {
        assertThatThrownBy(() -> s.executeQuery("select 'secret' from generate_series(1, 3)"))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("08006");
              assertThat(e.getMessage()).contains("withheld");
            });
      } finally {
        witness.maskResults = true;
      }
      assertThat(c.isValid(2)).isFalse();
    }
  }

  @Test
  void whenAStatementsOutcomeCannotBeRecordedTheAgentNeverGetsItsTag() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      witness.failChunks(chunk -> true);
      try {
        assertThatThrownBy(() -> s.executeUpdate("update t set id = 2")).isInstanceOfSatisfying(SQLException.class, e -> {
          assertThat(e.getSQLState()).isEqualTo("08006");
          assertThat(e.getMessage()).contains("Witness cannot record this result");
        });
      } finally {
        witness.failChunks(chunk -> false);
      }
      assertThat(c.isValid(2)).isFalse();
    }
  }

  @Test
  void whenCopyDataCannotBeRecordedTheCopyIsAbortedAndNothingIsStored() throws Exception {
    StringBuilder data = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      data.append(i).append("\trow ").append(i).append('\n');
    }
    try (Connection c = connect()) {
      witness.failChunks(chunk -> PgEventFactory.WIRE_COPY_IN.equals(chunk.getContentType()));
      try {
        assertThatThrownBy(() -> c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
            .copyIn("COPY copied FROM STDIN", new java.io.StringReader(data.toString())))
            .isInstanceOfSatisfying(SQLException.class, e -> {
              assertThat(e.getSQLState()).isEqualTo("08006");
              assertThat(e.getMessage()).contains("Witness cannot record the COPY data; the COPY was aborted");
            });
      } finally {
        witness.failChunks(chunk -> false);
      }
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from copied")) {
        rs.next();
        assertThat(rs.getInt(1)).as("the session goes on and the COPY stored nothing").isZero();
      }
    }
  }
}
