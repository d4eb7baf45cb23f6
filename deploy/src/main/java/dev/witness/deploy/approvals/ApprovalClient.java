package dev.witness.deploy.approvals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The evidence API's approval endpoints over HTTP, as an approver calls them. */
final class ApprovalClient {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  // the server waits up to ~16 s for Kafka before answering 503; wait longer than that
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String token;

  ApprovalClient(String baseUrl, String token) {
    this.baseUrl = baseUrl;
    this.token = token;
  }

  /** {@code GET /v1/approvals}, all states when {@code state} is null. */
  JsonNode list(String state, int limit) {
    String query = "?limit=" + limit + (state == null ? "" : "&state=" + encode(state));
    return send(request("/v1/approvals" + query).GET().build());
  }

  /** {@code GET /v1/approvals/{id}}. */
  JsonNode show(String approvalId) {
    return send(request("/v1/approvals/" + encode(approvalId)).GET().build());
  }

  /** {@code POST /v1/approvals/{id}/decisions}; returns the accepted decision. */
  JsonNode decide(String approvalId, boolean approve, String reason) {
    ObjectNode body = MAPPER.createObjectNode().put("approve", approve);
    if (reason != null) {
      body.put("reason", reason);
    }
    return send(request("/v1/approvals/" + encode(approvalId) + "/decisions")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new ApiError(0, "Unreachable", "Cannot reach the evidence API at " + baseUrl + " ("
          + e.getClass().getSimpleName() + "); is Witness running? Set --url otherwise");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiError(0, "Interrupted", "Interrupted while waiting for " + baseUrl);
    }
    JsonNode json = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String title = json == null ? "HTTP " + response.statusCode() : json.path("title").asText("HTTP " + response.statusCode());
      String detail = json == null ? "" : json.path("detail").asText("");
      throw new ApiError(response.statusCode(), title, detail);
    }
    if (json == null) {
      throw new ApiError(response.statusCode(), "Bad response", "The evidence API answered without a JSON body");
    }
    return json;
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The API answered with a problem, or could not be reached ({@code status} 0). */
  static final class ApiError extends RuntimeException {

    private final int status;
    private final String title;
    private final String detail;

    ApiError(int status, String title, String detail) {
      super(title + ": " + detail, null, false, false);
      this.status = status;
      this.title = title;
      this.detail = detail;
    }

    int status() {
      return status;
    }

    String title() {
      return title;
    }

    String detail() {
      return detail;
    }
  }
}
