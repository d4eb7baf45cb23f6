package dev.witness.deploy.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.witness.deploy.WitnessCommand;
import dev.witness.deploy.standalone.TokenDigest;
import dev.witness.embedded.FreePorts;
import dev.witness.embedded.EmbeddedKafkaBroker;
import dev.witness.embedded.SharedPostgres;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The distributed roles as separate command invocations ({@code witness topics create},
 * {@code evidence-api}, {@code streams}, {@code proxy}) against their own in-process broker, an external
 * schema registry and PostgreSQL: a pgJDBC statement goes through the proxy, its evidence is
 * queryable from the evidence API, and each process serves /healthz, /readyz and /metrics.
 */
class RoleCommandsIT {

  private static final String AGENT_TOKEN = TokenDigest.newToken("agent");
  private static final String AUDITOR_TOKEN = TokenDigest.newToken("auditor");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path dir;

  private static EmbeddedKafkaBroker broker;
  private static EmbeddedSchemaRegistry registry;
  private static final List<Running> roles = new ArrayList<>();
  private static String demoDb;
  private static int pgPort;
  private static int proxyAdmin;
  private static int streamsAdmin;
  private static int evidencePort;
  private static Path config;

  /** One role command running on its own thread, as its own process would. */
  private record Running(String role, Thread thread, StringWriter out, StringWriter err, CompletableFuture<Integer> exit) {}

  @BeforeAll
  static void start() throws Exception {
    // A broker of its own: other ITs of this JVM write their own records to the witness.* topics
    // of the shared broker and create them with other partition counts.
    broker = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0);
    String bootstrap = broker.bootstrap();
    registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    String evidenceDb = SharedPostgres.freshDatabase("roles_evidence");
    demoDb = SharedPostgres.freshDatabase("roles_demo");
    DataSource demo = SharedPostgres.dataSource(demoDb);
    try (Connection c = demo.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE parts (id int PRIMARY KEY, label text)");
      s.execute("INSERT INTO parts VALUES (1, 'bolt'), (2, 'nut')");
    }
    SigningKey key = SigningKeys.generate();
    Path privateKey = dir.resolve("checkpoint-signing.key");
    SigningKeys.writePrivateKey(privateKey, key.privateKey());
    SigningKeys.writePublicKey(SigningKeys.publicKeyFile(privateKey), key.publicKey());

    pgPort = FreePorts.find();
    proxyAdmin = FreePorts.find();
    streamsAdmin = FreePorts.find();
    evidencePort = FreePorts.find();
    int httpPort = FreePorts.find();
    String backendPort = String.valueOf(SharedPostgres.server().port());
    config = dir.resolve("witness.yaml");
    // ${...:-default} goes through the same substitution as ${SECRET} from a Secret would.
    Files.writeString(config, """
        kafka:
          bootstrap: %s
        schemaRegistry:
          url: %s
        admin:
          listen: ${WITNESS_IT_UNSET_ADMIN:-127.0.0.1:%d}
        proxy:
          replyPartition: 0
          http:
            listen: 127.0.0.1:%d
          postgres:
            listen: 127.0.0.1:%d
            resource: postgres:roles
            backend: {host: 127.0.0.1, port: %s, database: %s, user: postgres}
        streams:
          applicationId: roles-%s
          stateDir: %s
          checkpoint:
            everyInterval: 1s
            signingKeyFile: %s
        evidence:
          listen: 127.0.0.1:%d
          jdbcUrl: %s
          user: postgres
          trustedKeyFiles: [%s]
        agents:
          - id: roles-agent
            tokenSha256: %s
        apiUsers:
          - id: roles-auditor
            tokenSha256: %s
            roles: [auditor]
        """.formatted(bootstrap, registry.url(), proxyAdmin, httpPort, pgPort, backendPort, demoDb,
        UUID.randomUUID().toString().substring(0, 8), dir.resolve("streams-state"), privateKey, evidencePort,
        SharedPostgres.jdbcUrl(evidenceDb), SigningKeys.publicKeyFile(privateKey),
        TokenDigest.sha256Hex(AGENT_TOKEN), TokenDigest.sha256Hex(AUDITOR_TOKEN)));

    StringWriter topicsOut = new StringWriter();
    int topics = command(topicsOut, new StringWriter()).execute("topics", "create", "--config", config.toString());
    assertThat(topics).isEqualTo(0);
    assertThat(topicsOut.toString()).contains("witness topics:").contains("witness.ledger");

    roles.add(launch("evidence-api", "evidence-api", "--config", config.toString()));
    // The streams role gets its own admin port on the command line's config: a second file.
    Path streamsConfig = dir.resolve("witness-streams.yaml");
    Files.writeString(streamsConfig, Files.readString(config)
        .replace("${WITNESS_IT_UNSET_ADMIN:-127.0.0.1:" + proxyAdmin + "}", "127.0.0.1:" + streamsAdmin));
    roles.add(launch("streams", "streams", "--config", streamsConfig.toString()));
    roles.add(launch("proxy", "proxy", "--config", config.toString()));
    for (Running role : roles) {
      await(role.role() + " ready").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
          .failFast(() -> role.exit().isDone())
          .until(() -> role.out().toString().contains("witness " + role.role() + ": ready"));
    }
  }

  private static CommandLine command(StringWriter out, StringWriter err) {
    CommandLine cmd = WitnessCommand.newCommandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd;
  }

  private static Running launch(String role, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> exit = new CompletableFuture<>();
    Thread thread = new Thread(() -> exit.complete(command(out, err).execute(args)), "it-" + role);
    thread.start();
    return new Running(role, thread, out, err, exit);
  }

  @AfterAll
  static void stop() throws Exception {
    // Reverse start order, as a rolling shutdown would; each must stop on its own and exit 0.
    for (int i = roles.size() - 1; i >= 0; i--) {
      Running role = roles.get(i);
      role.thread().interrupt();
      assertThat(role.exit().get(2, TimeUnit.MINUTES)).as(role.role() + " exit code; stderr: " + role.err()).isZero();
      assertThat(role.out().toString()).contains("witness " + role.role() + ": stopped");
    }
    assertThatThrownBy(() -> get(proxyAdmin, "/healthz", null)).isInstanceOf(ConnectException.class);
    if (registry != null) {
      registry.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aStatementThroughTheProxyIsAnsweredAndItsEvidenceQueryable() throws Exception {
    Properties login = new Properties();
    login.setProperty("user", "roles-agent");
    login.setProperty("password", AGENT_TOKEN);
    login.setProperty("sslmode", "disable");
    List<String> labels = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + demoDb, login);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT label FROM parts ORDER BY id")) {
      while (rows.next()) {
        labels.add(rows.getString(1));
      }
    }
    assertThat(labels).containsExactly("bolt", "nut");

    await("evidence of the statement").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> {
          HttpResponse<String> events = get(evidencePort, "/v1/events?resource=postgres:roles&limit=1000", AUDITOR_TOKEN);
          return events.statusCode() == 200 && events.body().contains("SELECT label FROM parts ORDER BY id")
              && events.body().contains("ALLOW");
        });
    // The proxy counted and timed the verdict; the evidence API reports its ingest.
    String proxyMetrics = get(proxyAdmin, "/metrics", null).body();
    assertThat(proxyMetrics).containsPattern("witness_proxy_verdicts_total\\{decision=\"ALLOW\",protocol=\"SQL\",role=\"proxy\"} [1-9]")
        .containsPattern("witness_proxy_verdict_latency_seconds_count\\{role=\"proxy\"} [1-9]")
        .contains("witness_proxy_verdict_latency_seconds_bucket")
        .contains("witness_proxy_approvals_held{role=\"proxy\"} 0.0")
        // The proxy's own Kafka clients: the event producer and the reply consumer.
        .containsPattern("kafka_producer_record_send_total\\{[^}]*role=\"proxy\"[^}]*} [1-9]")
        .contains("kafka_consumer_");
    // The streams role timed the masking of the statement's rows.
    assertThat(get(streamsAdmin, "/metrics", null).body())
        .containsPattern("witness_masking_time_seconds_count\\{role=\"streams\"} [1-9]")
        .contains("witness_masking_time_seconds_bucket");
    String evidenceMetrics = get(evidencePort, "/metrics", null).body();
    assertThat(evidenceMetrics).containsPattern("witness_evidence_ingested_total\\{role=\"evidence-api\"} [1-9]")
        .contains("witness_evidence_ingest_lag_records")
        .contains("witness_evidence_ingest_running{role=\"evidence-api\"} 1.0");
    // The streams role signs with the key whose public half the evidence-api role trusts.
    await("a trusted checkpoint").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> get(evidencePort, "/v1/checkpoints/latest", AUDITOR_TOKEN).statusCode() == 200);
  }

  @Test
  void everyProcessServesHealthReadinessAndMetrics() throws Exception {
    for (int port : List.of(proxyAdmin, streamsAdmin)) {
      HttpResponse<String> health = get(port, "/healthz", null);
      assertThat(health.statusCode()).isEqualTo(200);
      await("ready on " + port).atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
          .until(() -> get(port, "/readyz", null).statusCode() == 200);
      assertThat(get(port, "/readyz", null).body()).contains("\"status\":\"ready\"");
      HttpResponse<String> metrics = get(port, "/metrics", null);
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
      assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
    }
    assertThat(get(streamsAdmin, "/metrics", null).body()).contains("kafka_stream_").contains("role=\"streams\"");
    assertThat(get(proxyAdmin, "/metrics", null).body()).contains("role=\"proxy\"");

    assertThat(get(evidencePort, "/healthz", null).statusCode()).isEqualTo(200);
    await("evidence ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
        .until(() -> get(evidencePort, "/readyz", null).statusCode() == 200);
    HttpResponse<String> evidenceMetrics = get(evidencePort, "/metrics", null);
    assertThat(evidenceMetrics.statusCode()).isEqualTo(200);
    assertThat(evidenceMetrics.body()).contains("witness_evidence_chain_breaks_total").contains("role=\"evidence-api\"");
  }

  private static HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
