package dev.witness.deploy.standalone;

import static dev.witness.deploy.standalone.DemoAgentSession.awaitApproval;
import static dev.witness.deploy.standalone.DemoAgentSession.columnExists;
import static dev.witness.deploy.standalone.DemoAgentSession.psql;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.deploy.LauncherRun;
import dev.witness.deploy.demo.DemoDatabase;
import dev.witness.deploy.demo.SyntheticCustomers;
import dev.witness.schemas.config.WitnessConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walking skeleton as a user runs it: standalone started, real HTTP requests through the
 * proxy to the demo API, evidence read back from the evidence API.
 */
class StandaloneEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @AutoClose
  private static Standalone witness;
  private static EvidenceClient auditor;
  private static String banner;
  private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() throws Exception {
    StartedStandalone started = StartedStandalone.start(WitnessConfig.defaults(), "e2e");
    witness = started.witness();
    banner = started.banner();
    auditor = started.auditor();
  }

  private static HttpResponse<String> agent(String method, String path, String session, String purpose, String body)
      throws Exception {
    return agent(http, method, path, session, purpose, body);
  }

  private static HttpResponse<String> agent(HttpClient client, String method, String path, String session,
      String purpose, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(witness.httpProxyUrl() + path))
        .timeout(Duration.ofSeconds(20))
        .header("Authorization", "Bearer " + witness.credentials().agentToken())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      b.header("X-Witness-Session", session);
    }
    if (purpose != null) {
      b.header("X-Witness-Purpose", purpose);
    }
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void bannerNamesEveryEndpointAndEndsReady() {
    assertThat(banner)
        .contains(witness.httpProxyUrl())
        .contains(witness.evidenceApiUrl())
        .contains("demo-agent.token")
        .contains("demo-auditor.token")
        .contains("curl -H \"Authorization: Bearer $(cat ")
        .contains("ready");
    assertThat(banner).doesNotContain(witness.credentials().agentToken());
  }

  @Test
  void metricsOnTheEvidencePortCountVerdictsOfTheProxy() throws Exception {
    agent("GET", "/demo/customers/2", UUID.randomUUID().toString(), "metrics-check", null);
    HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(witness.evidenceApiUrl() + "/metrics"))
        .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(scrape.body())
        .contains("witness_proxy_verdicts_total{")
        .contains("decision=\"ALLOW\"")
        .contains("witness_evidence_ingested_total")
        .contains("kafka_stream_")
        .contains("role=\"standalone\"")
        .doesNotContain(witness.credentials().agentToken());
  }

  @Test
  void allowedRequestReachesTheDemoApiAndIsEvidenceInOrder() throws Exception {
    String session = UUID.randomUUID().toString();
    long before = witness.demoApi().requestCount();
    HttpResponse<String> response = agent("GET", "/demo/customers/1", session, "ticket-123", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode customer = JSON.readTree(response.body());
    assertThat(customer.get("id").asInt()).isEqualTo(1);
    assertThat(witness.demoApi().requestCount()).isEqualTo(before + 1);

    JsonNode listed = auditor.awaitSession(s -> session.equals(s.path("sessionId").asText()));
    assertThat(listed.path("agentId").asText(listed.path("agent").path("id").asText())).isEqualTo("demo-agent");
    assertThat(listed.path("purpose").asText()).isEqualTo("ticket-123");

    List<JsonNode> events = auditor.awaitEvents(session, 3);
    assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("request", "verdict", "response");
    for (JsonNode e : events) {
      assertThat(e.path("agent").path("id").asText()).isEqualTo("demo-agent");
      assertThat(e.path("purpose").asText()).isEqualTo("ticket-123");
      assertThat(e.path("timestamp").asText()).isNotBlank();
      assertThat(e.path("resource").asText()).isEqualTo("http:demo");
    }
    assertThat(events.get(0).path("request").path("method").asText()).isEqualTo("GET");
    assertThat(events.get(0).path("request").path("path").asText()).isEqualTo("/demo/customers/1");
    assertThat(events.get(1).path("verdict").path("decision").asText()).isEqualTo("ALLOW");
    assertThat(events.get(2).path("response").path("status").asInt()).isEqualTo(200);
    assertThat(events.get(2).path("response").path("body").asText()).contains("\"id\":1");
  }

  @Test
  void personalDataIsMaskedForTheAgentAndInEveryRecord() throws Exception {
    SyntheticCustomers.Customer original = SyntheticCustomers.generate(DemoDatabase.CUSTOMERS, DemoDatabase.SEED).get(9);
    List<String> pii = List.of(original.email(), original.phone(), original.cardNumber(), original.iban(), original.ssn());
    String session = UUID.randomUUID().toString();
    HttpResponse<String> response = agent("GET", "/demo/customers/" + original.id(), session, "masking-check", null);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode customer = JSON.readTree(response.body());
    assertThat(customer.get("id").asInt()).isEqualTo(original.id());
    assertThat(customer.get("city").asText()).isEqualTo(original.city());
    for (String value : pii) {
      assertThat(response.body()).as("agent output").doesNotContain(value);
    }
    // Cards keep their last four digits by default.
    assertThat(customer.get("card_number").asText()).endsWith(original.cardNumber().substring(12));

    List<JsonNode> events = auditor.awaitEvents(session, 3);
    assertThat(events.get(2).path("response").path("maskings").toString()).contains("email").contains("card");
    String evidence = events.toString();
    for (String value : pii) {
      assertThat(evidence).as("evidence API").doesNotContain(value);
    }
    for (byte[] record : TopicContents.readAll(witness.endpoints().kafka(), "witness.ledger")) {
      String text = new String(record, StandardCharsets.ISO_8859_1);
      for (String value : pii) {
        assertThat(text).as("ledger topic").doesNotContain(value);
      }
    }
  }

  @Test
  void psqlThroughThePostgresProxyGetsMaskedRowsAndLeavesEvidence() throws Exception {
    SyntheticCustomers.Customer original = SyntheticCustomers.generate(DemoDatabase.CUSTOMERS, DemoDatabase.SEED).get(4);
    String purpose = "psql-" + UUID.randomUUID();
    ProcessBuilder builder = new ProcessBuilder("psql",
        "host=" + witness.endpoints().postgresHost() + " port=" + witness.endpoints().postgresPort()
            + " user=demo-agent dbname=demo sslmode=require application_name=witness:purpose=" + purpose,
        "-X", "-A", "-t", "-c", "select id, email, card_number, city from customers where id = " + original.id())
        .redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", witness.credentials().agentToken());
    Process psql = builder.start();
    psql.getOutputStream().close();
    psql.waitFor(60, TimeUnit.SECONDS);
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.exitValue()).as(output).isZero();
    assertThat(output).startsWith(original.id() + "|").contains(original.city());
    assertThat(output).doesNotContain(original.email()).doesNotContain(original.cardNumber());

    JsonNode session = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText()));
    assertThat(session.path("protocol").asText()).isEqualTo("SQL");
    List<JsonNode> events = auditor.awaitEvents(session.path("sessionId").asText(), 3);
    assertThat(events.toString()).contains("select id, email, card_number, city from customers")
        .doesNotContain(original.email()).doesNotContain(original.cardNumber());
  }

  @Test
  void aSchemaChangeIsHeldUntilTheApproverApprovesItWithTheCli() throws Exception {
    String purpose = "ddl-" + UUID.randomUUID();
    String column = "note_" + Long.toHexString(System.nanoTime());
    Process psql = psql(witness, purpose, "alter table customers add column " + column + " text");

    JsonNode pending = awaitApproval(witness, "pending", purpose);
    assertThat(pending.path("statement").asText()).containsIgnoringCase("alter table customers add column " + column);
    assertThat(pending.path("rules").toString()).contains("approve-schema-change");
    assertThat(psql.isAlive()).as("psql waits while the statement is held").isTrue();
    assertThat(columnExists(witness, column)).as("nothing forwarded before approval").isFalse();

    LauncherRun approve = LauncherRun.of("approvals", "approve", pending.path("approvalId").asText(),
        "--reason", "ticket 42", "--url", witness.evidenceApiUrl(),
        "--token-file", witness.dataDirectory().approverToken().toString());
    assertThat(approve.code()).as(approve.out() + approve.err()).isZero();

    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.exitValue()).as(output).isZero();
    assertThat(output).contains("ALTER TABLE");
    assertThat(columnExists(witness, column)).isTrue();

    JsonNode session = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText()));
    List<JsonNode> events = auditor.awaitEvents(session.path("sessionId").asText(), 5);
    String trail = events.toString();
    assertThat(trail).contains(pending.path("approvalId").asText()).contains(DemoCredentials.APPROVER_ID)
        .contains(DemoCredentials.APPROVER_EMAIL);
  }

  @Test
  void aRejectedUpdateOfEveryRowIsNeverForwardedAndTheAgentIsToldWhy() throws Exception {
    String purpose = "mass-update-" + UUID.randomUUID();
    Process psql = psql(witness, purpose, "update customers set city = 'Nowhere'");

    JsonNode pending = awaitApproval(witness, "pending", purpose);
    LauncherRun reject = LauncherRun.of("approvals", "reject", pending.path("approvalId").asText(),
        "--reason", "too broad", "--url", witness.evidenceApiUrl(),
        "--token-file", witness.dataDirectory().approverToken().toString());
    assertThat(reject.code()).as(reject.out() + reject.err()).isZero();

    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(psql.exitValue()).as(output).isNotZero();
    assertThat(output).contains(pending.path("approvalId").asText()).contains("too broad");
    try (Connection c = DriverManager.getConnection(witness.endpoints().demoDatabase(), "postgres", "");
        ResultSet rs = c.createStatement().executeQuery("select count(*) from customers where city = 'Nowhere'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
    awaitApproval(witness, "rejected", purpose);
  }

  @Test
  void anExportedSessionVerifiesOfflineAndReplaysAsATranscript() throws Exception {
    String purpose = "export-" + UUID.randomUUID();
    Process psql = psql(witness, purpose, "select id, city from customers where id = 3");
    assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(psql.exitValue()).isZero();
    String sessionId = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText())).path("sessionId").asText();
    auditor.awaitEvents(sessionId, 3);

    // Checkpoints come every few seconds: export once the newest one covers the whole session.
    Path bundle = Files.createTempFile("witness-bundle", ".zip");
    Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      HttpResponse<byte[]> export = http.send(HttpRequest.newBuilder(URI.create(witness.evidenceApiUrl() + "/v1/exports"))
          .header("Authorization", "Bearer " + witness.credentials().auditorToken())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"session\":\"" + sessionId + "\"}")).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      if (export.statusCode() != 200
          || !"0".equals(export.headers().firstValue("X-Witness-Omitted-Not-Checkpointed").orElse("0"))) {
        return false;
      }
      Files.write(bundle, export.body());
      return true;
    });

    Path publicKey = witness.dataDirectory().root().resolve("checkpoint-signing.pub");
    // the manifest is signed by the export key standalone made beside the checkpoint key
    Path exportKey = witness.dataDirectory().root().resolve("export-signing.pub");
    LauncherRun verify = LauncherRun.of("verify", bundle.toString(), "--public-key", publicKey.toString(),
        "--public-key", exportKey.toString());
    assertThat(verify.code()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("VERIFIED");

    // One flipped byte inside the zip's event lines must fail verification.
    Path tampered = Files.createTempFile("witness-bundle-tampered", ".zip");
    BundleTamper.replaceInEntry(bundle, tampered, "events.jsonl", "\"sequence\":", "\"sequence\":1");
    LauncherRun tamperedRun = LauncherRun.of("verify", tampered.toString(), "--public-key", publicKey.toString(),
        "--public-key", exportKey.toString());
    assertThat(tamperedRun.code()).as(tamperedRun.out()).isEqualTo(1);
    assertThat(tamperedRun.out()).contains("FAILED");

    LauncherRun replay = LauncherRun.of("replay", sessionId, "--url", witness.evidenceApiUrl(),
        "--token-file", witness.dataDirectory().auditorToken().toString());
    assertThat(replay.code()).as(replay.err()).isZero();
    assertThat(replay.out()).contains("select id, city from customers where id = 3").contains("demo-agent");
  }


  @Test
  void pgbenchRunsThroughTheProxyInEveryQueryModeAndIsEvidence() throws Exception {
    String purpose = "pgbench-" + UUID.randomUUID();
    pgbench(purpose, "-i", "-q", "-s", "1", "demo");
    for (String mode : List.of("simple", "extended", "prepared")) {
      String output = pgbench(purpose + "-" + mode, "-n", "-S", "-M", mode, "-c", "2", "-j", "2", "-t", "20", "demo");
      assertThat(output).as(mode).contains("number of failed transactions: 0");
      JsonNode session = auditor.awaitSession(s -> (purpose + "-" + mode).equals(s.path("purpose").asText()));
      assertThat(auditor.awaitEvents(session.path("sessionId").asText(), 3).toString())
          .as(mode).contains("SELECT abalance FROM pgbench_accounts WHERE aid = ");
    }
  }

  private static String pgbench(String purpose, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("pgbench", "-h", witness.endpoints().postgresHost(),
        "-p", Integer.toString(witness.endpoints().postgresPort()), "-U", "demo-agent"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", witness.credentials().agentToken());
    builder.environment().put("PGAPPNAME", "witness:purpose=" + purpose);
    builder.environment().put("PGSSLMODE", "disable");
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }

  @Test
  void derivedSessionIsFoundByPurposeLikeCurlUsers() throws Exception {
    String purpose = "ticket-" + UUID.randomUUID();
    // A new connection is a new session when the agent names none, as with each curl invocation.
    HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    assertThat(agent(fresh, "GET", "/demo/orders?limit=3", null, purpose, null).statusCode()).isEqualTo(200);
    JsonNode listed = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText()));
    assertThat(auditor.awaitEvents(listed.path("sessionId").asText(), 3)).hasSizeGreaterThanOrEqualTo(3);
  }

  @Test
  void postBodyIsForwardedAndRecorded() throws Exception {
    String session = UUID.randomUUID().toString();
    HttpResponse<String> response = agent("POST", "/demo/orders", session, "ticket-9",
        "{\"customerId\":2,\"amountCents\":4200}");
    assertThat(response.statusCode()).isEqualTo(201);
    assertThat(JSON.readTree(response.body()).get("amount_cents").asLong()).isEqualTo(4200);
    List<JsonNode> events = auditor.awaitEvents(session, 3);
    assertThat(events.get(0).path("request").path("body").asText()).contains("4200");
  }

  @Test
  void requestBodyNearTheLimitIsRecordedWholeAndOneOverIsRefused() throws Exception {
    String session = UUID.randomUUID().toString();
    String padding = "x".repeat(1_000_000);
    HttpResponse<String> response = agent("POST", "/demo/orders", session, "bulk-note",
        "{\"customerId\":3,\"amountCents\":77,\"note\":\"" + padding + "\"}");
    assertThat(response.statusCode()).isEqualTo(201);
    List<JsonNode> events = auditor.awaitEvents(session, 3);
    assertThat(events.get(0).path("request").path("bodySize").asLong()).isGreaterThan(1_000_000);
    assertThat(events.get(0).path("request").path("body").asText()).contains(padding);

    long before = witness.demoApi().requestCount();
    HttpResponse<String> tooLarge = agent("POST", "/demo/orders", UUID.randomUUID().toString(), "bulk-note",
        "{\"note\":\"" + "y".repeat(2 * 1024 * 1024) + "\"}");
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(witness.demoApi().requestCount()).isEqualTo(before);
  }

  @Test
  void deniedRequestIsNotForwardedButIsEvidence() throws Exception {
    String session = UUID.randomUUID().toString();
    long before = witness.demoApi().requestCount();
    HttpResponse<String> response = agent("DELETE", "/demo/customers/7", session, "cleanup", null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(response.body()).contains("deny-customer-delete");
    assertThat(witness.demoApi().requestCount()).isEqualTo(before);

    List<JsonNode> events = auditor.awaitEvents(session, 2);
    assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("request", "verdict");
    assertThat(events.get(1).path("verdict").path("decision").asText()).isEqualTo("DENY");
    assertThat(events.get(1).path("verdict").path("rules").toString()).contains("deny-customer-delete");
    assertThat(events.get(1).path("policyVersion").asText()).hasSize(64);
  }

  @Test
  void requestsWithoutPurposeAreEvidenceToo() throws Exception {
    String session = UUID.randomUUID().toString();
    assertThat(agent("GET", "/demo/customers/4", session, null, null).statusCode()).isEqualTo(200);
    assertThat(agent("DELETE", "/demo/customers/4", session, null, null).statusCode()).isEqualTo(403);
    List<JsonNode> events = auditor.awaitEvents(session, 5);
    assertThat(events).extracting(e -> e.get("type").asText())
        .containsExactly("request", "verdict", "response", "request", "verdict");
    assertThat(events).allSatisfy(e -> assertThat(e.has("purpose")).isFalse());
    JsonNode listed = auditor.json("/v1/sessions/" + session);
    assertThat(listed.path("deniedCount").asInt()).isEqualTo(1);
    assertThat(listed.path("requestCount").asInt()).isEqualTo(2);
  }

  @Test
  void unknownTokenGets401AndAnAuthFailureEvent() throws Exception {
    String purpose = "probe-" + UUID.randomUUID();
    long before = witness.demoApi().requestCount();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(witness.httpProxyUrl() + "/demo/customers"))
        .header("Authorization", "Bearer not-a-witness-token")
        .header("X-Witness-Purpose", purpose).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
    assertThat(witness.demoApi().requestCount()).isEqualTo(before);

    JsonNode session = auditor.awaitSession(s -> purpose.equals(s.path("purpose").asText()));
    List<JsonNode> events = auditor.awaitEvents(session.path("sessionId").asText(), 1);
    JsonNode auth = events.get(0).path("request").path("authentication");
    assertThat(auth.path("outcome").asText()).isEqualTo("FAILED");
    assertThat(events.toString()).doesNotContain("not-a-witness-token");
  }

  @Test
  void evidenceApiRequiresAnAuditorToken() throws Exception {
    assertThat(new EvidenceClient(witness.evidenceApiUrl(), null).get("/v1/sessions").statusCode()).isEqualTo(401);
    assertThat(new EvidenceClient(witness.evidenceApiUrl(), witness.credentials().agentToken())
        .get("/v1/sessions").statusCode()).isEqualTo(401);
    assertThat(new EvidenceClient(witness.evidenceApiUrl(), null).get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void secretsNeverReachTheRecordedTopics() throws Exception {
    String session = UUID.randomUUID().toString();
    assertThat(agent("GET", "/demo/customers/3", session, "secrets-check", null).statusCode()).isEqualTo(200);
    auditor.awaitEvents(session, 3);

    List<String> secrets = List.of(witness.credentials().agentToken(), witness.credentials().backendSecret());
    for (String topic : List.of("witness.requests", "witness.replies", "witness.ledger")) {
      List<byte[]> values = TopicContents.readAll(witness.endpoints().kafka(), topic);
      assertThat(values).as(topic).isNotEmpty();
      for (byte[] value : values) {
        String text = new String(value, StandardCharsets.ISO_8859_1);
        for (String secret : secrets) {
          assertThat(text).as(topic).doesNotContain(secret);
        }
      }
    }
    String allEvidence = auditor.json("/v1/sessions/" + session + "/events").toString();
    for (String secret : secrets) {
      assertThat(allEvidence).doesNotContain(secret);
    }
  }
}
