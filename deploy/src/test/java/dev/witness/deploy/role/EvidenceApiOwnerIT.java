package dev.witness.deploy.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.witness.deploy.WitnessCommand;
import dev.witness.deploy.standalone.TokenDigest;
import dev.witness.embedded.EmbeddedKafkaBroker;
import dev.witness.embedded.FreePorts;
import dev.witness.embedded.SharedPostgres;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code witness evidence-api} with two credentials on real PostgreSQL: it migrates as the owner
 * ({@code evidence.ownerUser}) and serves and ingests as the application role ({@code evidence.user}),
 * which can INSERT and SELECT but never UPDATE or DELETE evidence; exports are signed with the
 * configured export key.
 */
class EvidenceApiOwnerIT {

  private static final String AUDITOR_TOKEN = TokenDigest.newToken("auditor");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path dir;

  @Test
  void migratesAsTheOwnerAndRunsAsTheLeastPrivilegedApplicationRole() throws Exception {
    try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.start(broker.bootstrap(), "127.0.0.1", 0)) {
      String database = SharedPostgres.freshDatabase("owner_role_it");
      String appRole = "witness_app_owner_it";
      SigningKey checkpointKey = SigningKeys.generate();
      Path checkpointPub = dir.resolve("checkpoint-signing.pub");
      SigningKeys.writePublicKey(checkpointPub, checkpointKey.publicKey());
      Path exportKey = dir.resolve("export-signing.key");
      SigningKeys.loadOrCreate(exportKey);
      int port = FreePorts.find();
      Path config = dir.resolve("witness.yaml");
      // the owner's name comes through ${...} substitution, as from a Kubernetes Secret
      Files.writeString(config, """
          kafka:
            bootstrap: %s
          schemaRegistry:
            url: %s
          evidence:
            listen: 127.0.0.1:%d
            jdbcUrl: %s
            user: %s
            ownerUser: ${WITNESS_IT_UNSET_OWNER:-postgres}
            exportKeyFile: %s
            trustedKeyFiles: [%s]
          apiUsers:
            - id: owner-it-auditor
              tokenSha256: %s
              roles: [auditor]
          """.formatted(broker.bootstrap(), registry.url(), port, SharedPostgres.jdbcUrl(database), appRole,
          exportKey, checkpointPub, TokenDigest.sha256Hex(AUDITOR_TOKEN)));
      assertThat(command(new StringWriter(), new StringWriter())
          .execute("topics", "create", "--config", config.toString())).isZero();

      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CompletableFuture<Integer> exit = new CompletableFuture<>();
      Thread role = new Thread(() -> exit.complete(command(out, err).execute("evidence-api", "--config",
          config.toString())), "it-evidence-api-owner");
      role.start();
      try {
        await("evidence-api ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
            .failFast("evidence-api exited", exit::isDone)
            .until(() -> out.toString().contains("witness evidence-api: ready"));

        try (Connection owner = DriverManager.getConnection(SharedPostgres.jdbcUrl(database), "postgres", null);
            Statement s = owner.createStatement()) {
          // Flyway ran as the owner; the API's own sessions log in as the application role
          assertThat(single(s, "SELECT DISTINCT installed_by FROM flyway_schema_history")).isEqualTo("postgres");
          assertThat(single(s, "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
              + "AND usename = '" + appRole + "'")).isNotEqualTo("0");
          assertThat(single(s, "SELECT has_table_privilege('" + appRole + "', 'ledger_entries', 'UPDATE')"))
              .isEqualTo("f");
        }
        try (Connection app = DriverManager.getConnection(SharedPostgres.jdbcUrl(database), appRole, null);
            Statement s = app.createStatement()) {
          assertThat(single(s, "SELECT count(*) FROM ledger_entries")).isEqualTo("0");
          for (String sql : List.of("UPDATE ledger_entries SET purpose = 'forged'", "DELETE FROM ledger_entries",
              "DELETE FROM checkpoints", "UPDATE chain_alerts SET problem = 'none'")) {
            assertThatThrownBy(() -> s.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(sql).isEqualTo("42501"));
          }
        }
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
            + "/readyz")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        // the export key is loaded: before any checkpoint an export is a 409, not the 503 of a missing key
        HttpResponse<String> export = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/v1/exports")).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + AUDITOR_TOKEN)
            .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).as(export.body()).isEqualTo(409);
      } finally {
        role.interrupt();
        assertThat(exit.get(2, TimeUnit.MINUTES)).as("exit code; stderr: " + err).isZero();
      }
    }
  }

  private static String single(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static CommandLine command(StringWriter out, StringWriter err) {
    CommandLine cmd = WitnessCommand.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd;
  }
}
