package dev.witness.deploy.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** A test's view of the evidence API, as an auditor with curl would see it. */
final class EvidenceClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String token;

  EvidenceClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  JsonNode json(String path) throws Exception {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError("GET " + path + " -> " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** Every session listed by {@code /v1/sessions}. */
  List<JsonNode> sessions() throws Exception {
    JsonNode body = json("/v1/sessions?limit=1000");
    List<JsonNode> out = new ArrayList<>();
    (body.has("sessions") ? body.get("sessions") : body).forEach(out::add);
    return out;
  }

  /** The events of a session, in order. */
  List<JsonNode> events(String sessionId) throws Exception {
    JsonNode body = json("/v1/sessions/" + sessionId + "/events");
    List<JsonNode> out = new ArrayList<>();
    (body.has("events") ? body.get("events") : body).forEach(out::add);
    return out;
  }

  /** Waits until a session matching {@code test} is listed and returns it. */
  JsonNode awaitSession(Predicate<JsonNode> test) {
    JsonNode[] found = new JsonNode[1];
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      for (JsonNode s : sessions()) {
        if (test.test(s)) {
          found[0] = s;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Waits until the session has at least {@code count} events and returns them. */
  List<JsonNode> awaitEvents(String sessionId, int count) {
    List<List<JsonNode>> found = new ArrayList<>();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      if (get("/v1/sessions/" + sessionId).statusCode() == 404) {
        return false;
      }
      List<JsonNode> events = events(sessionId);
      found.add(0, events);
      return events.size() >= count;
    });
    return found.get(0);
  }

  /** Waits until some session's events contain {@code text}; returns those events as JSON text. */
  String awaitEventsContaining(String text) {
    String[] found = new String[1];
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      for (JsonNode s : sessions()) {
        String events = events(s.path("sessionId").asText()).toString();
        if (events.contains(text)) {
          found[0] = events;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** As an approver: waits until a pending approval fired {@code rule} and mentions {@code mentioning}. */
  JsonNode awaitPendingApproval(String rule, String mentioning) {
    JsonNode[] found = new JsonNode[1];
    Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      for (JsonNode a : json("/v1/approvals?state=pending").path("approvals")) {
        if (a.path("rules").toString().contains(rule) && a.toString().contains(mentioning)) {
          found[0] = a;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }
}
