package dev.witness.evidence.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.evidence.api.ReadinessProbe.Readiness;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.ingest.IngestStatus;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.support.Checkpoints;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvidenceApiIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final IngestStatus RUNNING =
      new IngestStatus(IngestStatus.State.RUNNING, 7, 0, 0, T0, 0L, null);

  private static final SigningKey KEY = SigningKeys.generate();
  private static final TrustedKeys TRUSTED = TrustedKeys.of(KEY.publicKey());
  private static final SigningKey EXPORT_KEY = SigningKeys.generate();

  private static javax.sql.DataSource dataSource;
  private static EvidenceStore store;
  private static CheckpointStore checkpoints;
  private static ApiAuthenticator authenticator;
  private static List<LedgerEntry> entries;

  /** Sessions s-1..s-5 start a minute apart (s-5 newest); s-1 has six events, s-5 is agent-b's. */
  @BeforeAll
  static void fill() {
    dataSource = TestDatabases.migrated("api_it");
    store = EvidenceStore.on(dataSource);
    authenticator = new ApiAuthenticator(List.of(
        new ApiUserConfig("alice", ApiAuthenticatorTest.hash("auditor-token"), List.of("auditor")),
        new ApiUserConfig("root", ApiAuthenticatorTest.hash("admin-token"), List.of("admin")),
        new ApiUserConfig("bob", ApiAuthenticatorTest.hash("approver-token"), List.of("approver"))));
    LedgerChain chain = new LedgerChain(0);
    entries = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      Instant start = T0.plusSeconds(60L * i);
      Events e = new Events("s-" + i, i == 5 ? "agent-b" : "agent-a", "http:demo", Protocol.HTTP);
      entries.add(chain.append(e.httpRequest("r" + i, start, "{}".getBytes(StandardCharsets.UTF_8), false), start));
      if (i == 1) {
        entries.add(chain.append(e.verdict("r1", start, Decision.ALLOW), start));
        entries.add(chain.append(e.httpChunk("r1", start, 0, false, new byte[] {1}), start));
        entries.add(chain.append(e.httpChunk("r1", start, 1, true, new byte[] {2}), start));
        entries.add(chain.append(e.approvalRequested("r1", "a1", start), start));
        entries.add(chain.append(e.approvalDecided("a1", start), start));
      }
    }
    store.append(entries.stream().map(LedgerRecords::newEntry).toList());
    checkpoints = new CheckpointStore(store.jdbi(), TRUSTED);
    checkpoints.record(Checkpoints.over(entries, T0.plusSeconds(600), KEY));
  }

  private static Javalin app(Readiness readiness) {
    return EvidenceApi.create(store, checkpoints, TRUSTED, java.util.Optional.of(EXPORT_KEY), authenticator,
        () -> readiness);
  }

  private static void withApi(TestCase test) {
    JavalinTest.test(app(new Readiness(true, RUNNING)), test);
  }

  /** A finished exchange with its body read. */
  private record Reply(int status, String contentType, String wwwAuthenticate, JsonNode json) {}

  private static Reply get(HttpClient client, String path, String token) throws IOException {
    try (Response r = client.get(path, req -> {
      if (token != null) {
        req.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
      }
    })) {
      String body = r.body().string();
      return new Reply(r.code(), r.header("Content-Type"), r.header("WWW-Authenticate"),
          DocumentJson.mapper().readTree(body));
    }
  }

  private static void assertProblem(Reply reply, int status) {
    assertThat(reply.status()).isEqualTo(status);
    assertThat(reply.contentType()).startsWith("application/problem+json");
    assertThat(reply.json().get("status").asInt()).isEqualTo(status);
    assertThat(reply.json().has("type")).isTrue();
    assertThat(reply.json().has("title")).isTrue();
    assertThat(reply.json().has("detail")).isTrue();
  }

  private static List<String> sessionIds(Reply reply) {
    List<String> ids = new ArrayList<>();
    reply.json().get("sessions").forEach(s -> ids.add(s.get("sessionId").asText()));
    return ids;
  }

  @Test
  void healthAndReadinessNeedNoToken() {
    withApi((server, client) -> {
      Reply health = get(client, "/healthz", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("ok");
      Reply ready = get(client, "/readyz", null);
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.json().at("/ingestor/state").asText()).isEqualTo("RUNNING");
    });
  }

  @Test
  void notReadyWithoutDatabaseOrIngestor() {
    JavalinTest.test(app(new Readiness(false, RUNNING)), (server, client) -> {
      Reply reply = get(client, "/readyz", null);
      assertProblem(reply, 503);
      assertThat(reply.json().get("database").asText()).isEqualTo("down");
    });
    IngestStatus stopped = new IngestStatus(IngestStatus.State.FAILED, 7, 0, 0, T0, null, "boom");
    JavalinTest.test(app(new Readiness(true, stopped)), (server, client) -> {
      Reply reply = get(client, "/readyz", null);
      assertProblem(reply, 503);
      assertThat(reply.json().at("/ingestor/state").asText()).isEqualTo("FAILED");
    });
  }

  @Test
  void missingUnknownOrNonBearerTokenIs401() {
    withApi((server, client) -> {
      Reply none = get(client, "/v1/sessions", null);
      assertProblem(none, 401);
      assertThat(none.wwwAuthenticate()).startsWith("Bearer");
      assertProblem(get(client, "/v1/sessions", "not-a-token"), 401);
      assertProblem(get(client, "/v1/sessions", "Basic YWxpY2U6cHc="), 401);
      assertProblem(get(client, "/v1/sessions/s-1/events", null), 401);
      assertProblem(get(client, "/v1/no-such-endpoint", null), 401);
    });
  }

  @Test
  void wrongRoleIs403AndAdminIsAdmitted() {
    withApi((server, client) -> {
      Reply approver = get(client, "/v1/sessions", "approver-token");
      assertProblem(approver, 403);
      assertThat(approver.json().get("detail").asText()).contains("bob").contains("auditor");
      assertThat(get(client, "/v1/sessions", "admin-token").status()).isEqualTo(200);
    });
  }

  @Test
  void listsSessionsNewestFirstWithFilters() {
    withApi((server, client) -> {
      Reply all = get(client, "/v1/sessions", "auditor-token");
      assertThat(all.status()).isEqualTo(200);
      assertThat(sessionIds(all)).containsExactly("s-5", "s-4", "s-3", "s-2", "s-1");
      assertThat(all.json().has("next")).isFalse();
      JsonNode s1 = all.json().at("/sessions/4");
      assertThat(s1.at("/agent/id").asText()).isEqualTo("agent-a");
      assertThat(s1.get("eventCount").asLong()).isEqualTo(6);
      assertThat(s1.get("requestCount").asLong()).isEqualTo(1);
      assertThat(s1.get("startedAt").asText()).isEqualTo("2025-03-01T10:01:00.123456Z");

      assertThat(sessionIds(get(client, "/v1/sessions?agent=agent-b", "auditor-token"))).containsExactly("s-5");
      assertThat(sessionIds(get(client, "/v1/sessions?resource=nope", "auditor-token"))).isEmpty();
      assertThat(sessionIds(get(client,
          "/v1/sessions?from=2025-03-01T10:02:30Z&to=2025-03-01T10:04:30Z", "auditor-token")))
          .containsExactly("s-4", "s-3");
    });
  }

  @Test
  void pagesSessionsWithNextTokens() {
    withApi((server, client) -> {
      List<String> seen = new ArrayList<>();
      String path = "/v1/sessions?limit=2";
      int pages = 0;
      while (path != null) {
        Reply page = get(client, path, "auditor-token");
        assertThat(page.status()).isEqualTo(200);
        seen.addAll(sessionIds(page));
        pages++;
        path = page.json().has("next") ? "/v1/sessions?limit=2&cursor=" + page.json().get("next").asText() : null;
      }
      assertThat(pages).isEqualTo(3);
      assertThat(seen).containsExactly("s-5", "s-4", "s-3", "s-2", "s-1");
    });
  }

  @Test
  void getsOneSessionOr404() {
    withApi((server, client) -> {
      Reply s1 = get(client, "/v1/sessions/s-1", "auditor-token");
      assertThat(s1.status()).isEqualTo(200);
      assertThat(s1.json().get("sessionId").asText()).isEqualTo("s-1");
      assertThat(s1.json().at("/agent/delegatingHuman").asText()).isEqualTo("alice@example.com");
      Reply missing = get(client, "/v1/sessions/nope", "auditor-token");
      assertProblem(missing, 404);
      assertThat(missing.json().get("detail").asText()).contains("nope");
      assertProblem(get(client, "/v1/sessions/nope/events", "auditor-token"), 404);
      assertProblem(get(client, "/v1/no-such-endpoint", "auditor-token"), 404);
    });
  }

  @Test
  void listsSessionEventsInLedgerOrderAcrossPages() {
    withApi((server, client) -> {
      Reply first = get(client, "/v1/sessions/s-1/events?limit=4", "auditor-token");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.json().get("sessionId").asText()).isEqualTo("s-1");
      List<String> types = new ArrayList<>();
      first.json().get("events").forEach(e -> types.add(e.get("type").asText()));
      assertThat(types).containsExactly("request", "verdict", "response", "response");
      assertThat(first.json().at("/events/0/request/method").asText()).isEqualTo("POST");
      assertThat(first.json().at("/events/0/ledger/sequence").asLong()).isZero();

      Reply second = get(client, "/v1/sessions/s-1/events?limit=4&cursor=" + first.json().get("next").asText(),
          "auditor-token");
      types.clear();
      second.json().get("events").forEach(e -> types.add(e.get("type").asText()));
      assertThat(types).containsExactly("approval-requested", "approval-decided");
      assertThat(second.json().has("next")).isFalse();
    });
  }

  @Test
  void badParametersAre400NamingTheParameter() {
    withApi((server, client) -> {
      String[][] cases = {
          {"/v1/sessions?limit=0", "limit"},
          {"/v1/sessions?limit=1001", "limit"},
          {"/v1/sessions?limit=ten", "limit"},
          {"/v1/sessions?from=yesterday", "from"},
          {"/v1/sessions?to=2025-13-01T00:00:00Z", "to"},
          {"/v1/sessions?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", "from"},
          {"/v1/sessions?agentId=agent-a", "agentId"},
          {"/v1/sessions?agent=", "agent"},
          {"/v1/sessions?agent=a&agent=b", "agent"},
          {"/v1/sessions?cursor=garbage", "cursor"},
          {"/v1/sessions/s-1/events?limit=-1", "limit"},
          {"/v1/sessions/s-1/events?cursor=" + PageCursor.encode(new PageCursor.SessionPosition(T0, "x")), "cursor"},
      };
      for (String[] c : cases) {
        Reply reply = get(client, c[0], "auditor-token");
        assertProblem(reply, 400);
        assertThat(reply.json().get("parameter").asText()).as(c[0]).isEqualTo(c[1]);
        assertThat(reply.json().get("detail").asText()).as(c[0]).startsWith(c[1] + ":");
      }
    });
  }

  /** A finished exchange with its raw body. */
  private record Raw(int status, String contentType, byte[] body) {

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static Raw send(HttpClient client, String method, String path, String token, String body)
      throws IOException {
    try (Response r = client.request(path, req -> {
      if (token != null) {
        req.header("Authorization", "Bearer " + token);
      }
      if (method.equals("POST")) {
        req.post(okhttp3.RequestBody.create(body == null ? "" : body,
            okhttp3.MediaType.get("application/json")));
      }
    })) {
      return new Raw(r.code(), r.header("Content-Type"), r.body().bytes());
    }
  }

  @Test
  void everyV1RouteNeedsATokenAndTheAuditorRole() {
    Javalin api = app(new Readiness(true, RUNNING));
    List<String> routes = EvidenceApi.routes(api).stream().filter(r -> r.contains(" /v1/")).toList();
    assertThat(routes).contains("GET /v1/events", "GET /v1/sessions/{id}/replay", "GET /v1/checkpoints/latest",
        "GET /v1/events/{id}/proof", "POST /v1/exports");
    JavalinTest.test(api, (server, client) -> {
      for (String route : routes) {
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1).replace("{id}", "s-1");
        Raw none = send(client, method, path, null, null);
        assertThat(none.status()).as(route).isEqualTo(401);
        assertThat(none.contentType()).as(route).startsWith(Problem.CONTENT_TYPE);
        Raw approver = send(client, method, path, "approver-token", null);
        assertThat(approver.status()).as(route).isEqualTo(403);
        assertThat(approver.contentType()).as(route).startsWith(Problem.CONTENT_TYPE);
        assertThat(approver.text()).as(route).contains("auditor");
      }
    });
  }

  @Test
  void openApiDocumentListsExactlyTheAppsRoutes() {
    Javalin api = app(new Readiness(true, RUNNING));
    // the approval routes are part of the same document; their publisher is never used here
    var publisher = dev.witness.evidence.approval.KafkaDecisionPublisher.create("127.0.0.1:1", LedgerRecords.REGISTRY,
        java.time.Duration.ofSeconds(1), java.util.Map.of());
    dev.witness.evidence.approval.ApprovalApi.register(api, dataSource, publisher, List.of(),
        java.time.Clock.systemUTC());
    JavalinTest.test(api, (server, client) -> {
      Reply doc = get(client, "/openapi.json", null);
      assertThat(doc.status()).isEqualTo(200);
      assertThat(doc.json().get("openapi").asText()).startsWith("3.");
      List<String> documented = new ArrayList<>();
      doc.json().get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
          .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
      assertThat(documented).containsExactlyInAnyOrderElementsOf(EvidenceApi.routes(api));
    });
    publisher.close();
  }

  @Test
  void replaysASessionAsJsonLinesThatRenderAsATranscript() {
    withApi((server, client) -> {
      Raw replay = send(client, "GET", "/v1/sessions/s-1/replay", "auditor-token", null);
      assertThat(replay.status()).isEqualTo(200);
      assertThat(replay.contentType()).startsWith("application/x-ndjson");
      List<String> lines = replay.text().lines().toList();
      assertThat(lines).hasSize(8);
      assertThat(DocumentJson.mapper().readTree(lines.get(0)).at("/session/sessionId").asText()).isEqualTo("s-1");
      List<String> types = new ArrayList<>();
      for (String line : lines.subList(1, 7)) {
        types.add(DocumentJson.mapper().readTree(line).at("/event/type").asText());
      }
      assertThat(types).containsExactly("request", "verdict", "response", "response", "approval-requested",
          "approval-decided");
      assertThat(DocumentJson.mapper().readTree(lines.get(7)).get("events").asLong()).isEqualTo(6);
      String transcript = dev.witness.evidence.replay.TranscriptRenderer.render(replay.text());
      assertThat(transcript).contains("> POST /customers/search?q=smith HTTP/1.1")
          .contains("verdict ALLOW: rules deny-bulk-export, policy abc123")
          .contains("approval a1 APPROVED").contains("approved by U123 via slack")
          .contains("-- end of session: 6 events");
      assertProblemRaw(send(client, "GET", "/v1/sessions/nope/replay", "auditor-token", null), 404);
    });
  }

  private static void assertProblemRaw(Raw raw, int status) {
    assertThat(raw.status()).isEqualTo(status);
    assertThat(raw.contentType()).startsWith(Problem.CONTENT_TYPE);
  }

  private static List<String> eventIds(HttpClient client, String query) throws IOException {
    List<String> ids = new ArrayList<>();
    String path = "/v1/events?" + query;
    while (path != null) {
      Reply page = get(client, path, "auditor-token");
      assertThat(page.status()).as(path).isEqualTo(200);
      page.json().get("events").forEach(e -> ids.add(e.get("type").asText() + ":" + e.get("sessionId").asText()));
      path = page.json().has("next") ? "/v1/events?" + query + "&cursor=" + page.json().get("next").asText() : null;
    }
    return ids;
  }

  @Test
  void listsEventsAcrossSessionsWithFiltersAndPages() {
    withApi((server, client) -> {
      List<String> all = eventIds(client, "limit=3");
      assertThat(all).hasSize(10);
      assertThat(all.get(0)).isEqualTo("request:s-1");
      assertThat(all.get(9)).isEqualTo("request:s-5");
      assertThat(eventIds(client, "type=request")).hasSize(5);
      assertThat(eventIds(client, "agent=agent-b")).containsExactly("request:s-5");
      assertThat(eventIds(client, "decision=ALLOW")).containsExactly("verdict:s-1");
      assertThat(eventIds(client, "risk=low")).containsExactly("verdict:s-1");
      assertThat(eventIds(client, "risk=high")).isEmpty();
      assertThat(eventIds(client, "session=s-2")).containsExactly("request:s-2");
      assertThat(eventIds(client, "from=2025-03-01T10:02:00Z&to=2025-03-01T10:04:00Z"))
          .containsExactly("request:s-2", "request:s-3");
      for (String[] c : new String[][] {{"risk=severe", "risk"}, {"decision=MAYBE", "decision"},
          {"type=click", "type"}, {"cursor=zzz", "cursor"}, {"colour=red", "colour"}}) {
        Reply bad = get(client, "/v1/events?" + c[0], "auditor-token");
        assertProblem(bad, 400);
        assertThat(bad.json().get("parameter").asText()).isEqualTo(c[1]);
      }
    });
  }

  @Test
  void filtersSessionsByRiskAndDecision() {
    withApi((server, client) -> {
      assertThat(sessionIds(get(client, "/v1/sessions?decision=ALLOW", "auditor-token"))).containsExactly("s-1");
      assertThat(sessionIds(get(client, "/v1/sessions?decision=DENY", "auditor-token"))).isEmpty();
      assertThat(sessionIds(get(client, "/v1/sessions?risk=low", "auditor-token"))).hasSize(5);
      assertThat(sessionIds(get(client, "/v1/sessions?risk=high", "auditor-token"))).isEmpty();
      Reply s1 = get(client, "/v1/sessions/s-1", "auditor-token");
      assertThat(s1.json().get("risk").asText()).isEqualTo("low");
      assertThat(s1.json().get("allowedCount").asLong()).isEqualTo(1);
      assertProblem(get(client, "/v1/sessions?risk=HIGH", "auditor-token"), 400);
    });
  }

  @Test
  void servesTheLatestCheckpointAndProofsThatVerifyAgainstIt() {
    withApi((server, client) -> {
      Reply latest = get(client, "/v1/checkpoints/latest", "auditor-token");
      assertThat(latest.status()).isEqualTo(200);
      assertThat(latest.json().get("treeSize").asLong()).isEqualTo(10);
      assertThat(latest.json().get("keyId").asText()).isEqualTo(KEY.keyId());
      byte[] root = java.util.HexFormat.of().parseHex(latest.json().get("rootHash").asText());

      LedgerEntry entry = entries.get(3);
      String eventId = dev.witness.evidence.document.EventDocument.headerOf(entry.getEvent()).getEventId();
      Reply proof = get(client, "/v1/events/" + eventId + "/proof", "auditor-token");
      assertThat(proof.status()).isEqualTo(200);
      var doc = DocumentJson.mapper().treeToValue(proof.json().get("proof"),
          dev.witness.evidence.checkpoint.ProofDocument.class);
      assertThat(doc.entrySequence()).isEqualTo(3);
      byte[] entryHash = dev.witness.evidence.document.Formats.bytes(entry.getHash());
      assertThat(doc.toInclusionProof().verifies(entryHash, root)).isTrue();
      assertThat(doc.toInclusionProof().verifies(new byte[32], root)).isFalse();
      assertThat(get(client, "/v1/events/" + eventId + "/proof?checkpoint=latest", "auditor-token").status())
          .isEqualTo(200);

      assertProblem(get(client, "/v1/events/nope/proof", "auditor-token"), 404);
      assertProblem(get(client, "/v1/events/" + eventId + "/proof?checkpoint=nope", "auditor-token"), 404);
    });
  }

  @Test
  void exportsAVerifiableBundle() {
    withApi((server, client) -> {
      Raw zip = send(client, "POST", "/v1/exports", "auditor-token", "{\"agent\":\"agent-a\"}");
      assertThat(zip.status()).isEqualTo(200);
      assertThat(zip.contentType()).startsWith("application/zip");
      java.nio.file.Path file = java.nio.file.Files.createTempFile("export-it", ".zip");
      try {
        java.nio.file.Files.write(file, zip.body());
        var verification = dev.witness.evidence.verify.BundleVerifier.verify(file,
            TrustedKeys.of(KEY.publicKey(), EXPORT_KEY.publicKey()));
        assertThat(verification.failures()).isEmpty();
        assertThat(verification.events()).isEqualTo(9);
      } finally {
        java.nio.file.Files.deleteIfExists(file);
      }
      Raw bad = send(client, "POST", "/v1/exports", "auditor-token", "{\"colour\":\"red\"}");
      assertProblemRaw(bad, 400);
      assertThat(bad.text()).contains("\"parameter\":\"colour\"");
      assertProblemRaw(send(client, "POST", "/v1/exports", "auditor-token", "[1]"), 400);
    });
  }

  @Test
  void withoutAnExportKeyExportsAreRefusedNotWrittenUnsigned() {
    JavalinTest.test(EvidenceApi.create(store, checkpoints, TRUSTED, authenticator,
        () -> new Readiness(true, RUNNING)), (server, client) -> {
      Raw refused = send(client, "POST", "/v1/exports", "auditor-token", "{}");
      assertProblemRaw(refused, 503);
      assertThat(refused.text()).contains("export-key-missing").contains("evidence.exportKeyFile");
    });
  }

  @Test
  void everyAccessAttemptIsLoggedWithItsOutcomeAndNeverTheToken() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(AccessControl.class);
    var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    logger.addAppender(appender);
    try {
      withApi((server, client) -> {
        get(client, "/v1/sessions", null);
        get(client, "/v1/sessions", "approver-token");
        get(client, "/v1/sessions", "auditor-token");
      });
    } finally {
      logger.detachAppender(appender);
    }
    List<String> lines = appender.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("status=401").contains("outcome=unauthenticated"))
        .anySatisfy(l -> assertThat(l).contains("status=403").contains("outcome=forbidden").contains("user=bob"))
        .anySatisfy(l -> assertThat(l).contains("status=200").contains("outcome=admitted").contains("user=alice"))
        .allSatisfy(l -> assertThat(l).doesNotContain("token"));
  }
}
