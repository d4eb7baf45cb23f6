package dev.witness.connectors.slack;

import java.util.List;
import java.util.Map;

/**
 * What the evidence API's HTTP server sends back to Slack for one interactivity request.
 *
 * @param headers extra response headers (may be empty); {@code contentType} is given apart
 */
public record SlackHttpResponse(int status, String contentType, Map<String, List<String>> headers, String body) {

  public SlackHttpResponse {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    body = body == null ? "" : body;
    contentType = contentType == null ? "text/plain; charset=utf-8" : contentType;
  }

  static SlackHttpResponse problem(int status, String title, String detail) {
    String json = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
        + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    return new SlackHttpResponse(status, "application/problem+json", Map.of(), json);
  }
}
