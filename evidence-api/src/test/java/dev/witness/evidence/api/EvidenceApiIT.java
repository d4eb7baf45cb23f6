package dev.witness.evidence.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.evidence.api.ReadinessProbe.Readiness;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.ingest.IngestStatus;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
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

  private static EvidenceStore store;
  private static ApiAuthenticator authenticator;

  /** Sessions s-1..s-5 start a minute apart (s-5 newest); s-1 has six events, s-5 is agent-b's. */
  @BeforeAll
  static void fill() {
    store = EvidenceStore.on(TestDatabases.migrated("api_it"));
    authenticator = new ApiAuthenticator(List.of(
        new ApiUserConfig("alice", ApiAuthenticatorTest.hash("auditor-token"), List.of("auditor")),
        new ApiUserConfig("root", ApiAuthenticatorTest.hash("admin-token"), List.of("admin")),
        new ApiUserConfig("bob", ApiAuthenticatorTest.hash("approver-token"), List.of("approver"))));
    LedgerChain chain = new LedgerChain(0);
    List<LedgerEntry> entries = new ArrayList<>();
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
  }

  private static Javalin app(Readiness readiness) {
    return EvidenceApi.create(store.sessions(), store.ledger(), authenticator, () -> readiness);
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
}
