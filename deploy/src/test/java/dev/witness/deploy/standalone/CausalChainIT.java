package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.schemas.config.WitnessConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The causal chain across protocols (real standalone, real psql): an agent's SQL tool joins the
 * agent's HTTP session with {@code PGOPTIONS="-c witness.session=… -c witness.purpose=… -c
 * witness.tool_call_id=…"}, and the evidence session lists the HTTP call, the SQL statement with
 * its result, and the next HTTP call in order, under one gap-free sequence. Malformed options are
 * refused with SQLSTATE 22023 before anything is recorded or reaches the backend.
 */
class CausalChainIT {

  @AutoClose
  private static Standalone witness;
  private static EvidenceClient auditor;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    StartedStandalone started = StartedStandalone.start(WitnessConfig.defaults(), "causal");
    witness = started.witness();
    auditor = started.auditor();
  }

  @Test
  void psqlJoinsTheAgentsHttpSessionInOrder() throws Exception {
    String session = "agent-run-" + UUID.randomUUID();
    String purpose = "ticket 42";
    assertThat(httpCall(session, purpose, "/demo/customers/1").statusCode()).isEqualTo(200);
    Psql sql = psql("-c witness.session=" + session + " -c witness.purpose=ticket\\ 42 -c witness.tool_call_id=call_sql_7",
        "select id, city from customers where id = 1");
    assertThat(sql.exit()).as(sql.output()).isZero();
    assertThat(sql.output()).contains("(1 row)");
    assertThat(httpCall(session, purpose, "/demo/customers/2").statusCode()).isEqualTo(200);

    List<JsonNode> events = awaitCompleteExchanges(session, 3);
    List<Exchange> chain = Exchange.of(events);
    assertThat(chain).extracting(Exchange::protocol).containsExactly("HTTP", "SQL", "HTTP");
    assertThat(chain.get(0).details().path("path").asText()).isEqualTo("/demo/customers/1");
    Exchange statement = chain.get(1);
    assertThat(statement.details().path("statement").asText()).isEqualTo("select id, city from customers where id = 1");
    assertThat(statement.details().path("toolCallId").asText()).isEqualTo("call_sql_7");
    assertThat(statement.decision()).isEqualTo("ALLOW");
    assertThat(chain.get(2).details().path("path").asText()).isEqualTo("/demo/customers/2");
    for (JsonNode e : events) {
      assertThat(e.path("purpose").asText()).isEqualTo(purpose);
      assertThat(e.path("agent").path("id").asText()).isEqualTo(DemoCredentials.AGENT_ID);
    }
    assertGapFreeSequences(events);
  }

  @Test
  void aMalformedSessionIdIsRefusedWith22023AndNothingIsRecorded() throws Exception {
    String purpose = "bad-session-" + UUID.randomUUID();
    Psql sql = psql("-c witness.session=bad/id -c witness.purpose=" + purpose, "select 1");

    assertThat(sql.exit()).isNotZero();
    assertThat(sql.output()).contains("invalid value for parameter \"witness.session\"");
    Psql unknown = psql("-c witness.sesion=typo -c witness.purpose=" + purpose, "select 1");
    assertThat(unknown.exit()).isNotZero();
    assertThat(unknown.output()).contains("unrecognized parameter \"witness.sesion\"");
    // psql prints connection errors without their SQLSTATE; pgJDBC hands it over.
    Properties props = new Properties();
    props.setProperty("user", "demo-agent");
    props.setProperty("password", witness.credentials().agentToken());
    props.setProperty("sslmode", "disable");
    props.setProperty("options", "-c witness.session=" + "x".repeat(129) + " -c witness.purpose=" + purpose);
    String url = "jdbc:postgresql://" + witness.endpoints().postgresHost() + ":" + witness.endpoints().postgresPort()
        + "/demo";
    Throwable refused = catchThrowable(() -> DriverManager.getConnection(url, props).close());
    assertThat(refused).isInstanceOf(SQLException.class);
    assertThat(((SQLException) refused).getSQLState()).isEqualTo("22023");
    // A good connection afterwards is recorded; the refused ones left no session behind.
    String marker = "after-" + purpose;
    assertThat(psql("-c witness.purpose=" + marker, "select 1").exit()).isZero();
    auditor.awaitSession(s -> marker.equals(s.path("purpose").asText()));
    assertThat(auditor.sessions()).noneMatch(s -> purpose.equals(s.path("purpose").asText()));
  }

  /**
   * The events the proxies produced (requests and response chunks) carry one sequence per session,
   * whichever proxy recorded them: 0, 1, 2… in the order the evidence API lists them, no gap, no repeat.
   */
  static void assertGapFreeSequences(List<JsonNode> events) {
    List<Long> sequences = new ArrayList<>();
    for (JsonNode e : events) {
      String type = e.path("type").asText();
      if (type.equals("request") || type.equals("response")) {
        sequences.add(e.path("sequence").asLong());
      }
    }
    assertThat(sequences).isNotEmpty();
    for (int i = 0; i < sequences.size(); i++) {
      assertThat(sequences.get(i)).as("sequence %d of %s", i, sequences).isEqualTo(sequences.get(0) + i);
    }
  }

  private static HttpResponse<String> httpCall(String session, String purpose, String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(witness.httpProxyUrl() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + witness.credentials().agentToken())
        .header("X-Witness-Session", session)
        .header("X-Witness-Purpose", purpose)
        .GET().build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private record Psql(int exit, String output) {}

  /** Real psql through the proxy, with the Witness options in PGOPTIONS as an agent's SQL tool sets them. */
  private static Psql psql(String pgOptions, String sql) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("psql",
        "host=" + witness.endpoints().postgresHost() + " port=" + witness.endpoints().postgresPort()
            + " user=demo-agent dbname=demo sslmode=disable",
        "-X", "-v", "ON_ERROR_STOP=1", "-v", "VERBOSITY=verbose", "-c", sql)
        .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", witness.credentials().agentToken());
    builder.environment().put("PGOPTIONS", pgOptions);
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Psql(process.exitValue(), output);
  }

  /** Waits until the session shows {@code exchanges} exchanges, each with its verdict and last response chunk. */
  private static List<JsonNode> awaitCompleteExchanges(String session, int exchanges) {
    List<List<JsonNode>> found = new ArrayList<>();
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (auditor.get("/v1/sessions/" + session).statusCode() == 404) {
        return false;
      }
      List<JsonNode> events = auditor.events(session);
      found.add(0, events);
      List<Exchange> chain = Exchange.of(events);
      return chain.size() >= exchanges && chain.stream().allMatch(Exchange::complete);
    });
    return found.get(0);
  }
}
