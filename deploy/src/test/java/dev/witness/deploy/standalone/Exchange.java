package dev.witness.deploy.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request of a session as the evidence API shows it: its request, verdict and response
 * events grouped by {@code requestId}, in the order the session recorded them.
 */
record Exchange(List<JsonNode> events) {

  /** Groups a session's events (in session order) into exchanges, in the order their first event came. */
  static List<Exchange> of(List<JsonNode> sessionEvents) {
    Map<String, List<JsonNode>> byRequest = new LinkedHashMap<>();
    for (JsonNode e : sessionEvents) {
      byRequest.computeIfAbsent(e.path("requestId").asText(), id -> new ArrayList<>()).add(e);
    }
    return byRequest.values().stream().map(Exchange::new).toList();
  }

  private JsonNode first(String type) {
    return events.stream().filter(e -> type.equals(e.path("type").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " event in " + events));
  }

  String protocol() {
    return events.get(0).path("protocol").asText();
  }

  /** The protocol-specific request document ({@code kind} http, mcp, sql...). */
  JsonNode details() {
    return first("request").path("request");
  }

  String decision() {
    return first("verdict").path("verdict").path("decision").asText();
  }

  String requestText() {
    return details().path("body").asText();
  }

  /** The recorded response bodies joined; base64 bodies (PostgreSQL wire rows) decoded. */
  String responseText() {
    StringBuilder text = new StringBuilder();
    for (JsonNode r : responses()) {
      String body = r.path("body").asText();
      text.append("base64".equals(r.path("bodyEncoding").asText())
          ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body);
    }
    return text.toString();
  }

  /** The masking summaries of every response chunk, as JSON text. */
  String maskings() {
    StringBuilder text = new StringBuilder();
    responses().forEach(r -> text.append(r.path("maskings")));
    return text.toString();
  }

  /** True once the last response chunk is recorded. */
  boolean complete() {
    return responses().stream().anyMatch(r -> r.path("last").asBoolean());
  }

  Instant requestedAt() {
    return Instant.parse(first("request").path("timestamp").asText());
  }

  Instant lastRecordedAt() {
    return events.stream().map(e -> Instant.parse(e.path("timestamp").asText())).max(Instant::compareTo).orElseThrow();
  }

  private List<JsonNode> responses() {
    return events.stream().filter(e -> "response".equals(e.path("type").asText())).map(e -> e.path("response")).toList();
  }
}
