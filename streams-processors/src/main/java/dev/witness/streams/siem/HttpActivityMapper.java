package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import java.time.Instant;
import java.util.Locale;

/**
 * An HTTP, OpenAI or MCP request and its verdict (or its response) as an OCSF HTTP Activity (4002). Only the method,
 * path (no query string, which may carry secrets) and user agent are shown; MCP method and tool name
 * go under {@code unmapped.witness.mcp}, never their arguments.
 */
public final class HttpActivityMapper {

  private HttpActivityMapper() {}

  /** An HTTP or OpenAI request. */
  public static OcsfEvent map(RequestIntercepted request, HttpRequest http, Outcome outcome, Instant processed) {
    String method = http.getMethod().toUpperCase(Locale.ROOT);
    OcsfEvent event = base(request, outcome, method, processed);
    ObjectNode httpRequest = event.json().putObject("http_request");
    httpRequest.put("http_method", method);
    httpRequest.putObject("url").put("path", http.getPath().split("[?#]", 2)[0]);
    String userAgent = http.getHeaders().get("user-agent");
    OcsfEvent.putIfPresent(httpRequest, "user_agent", userAgent);
    httpRequest.put("length", http.getBodySize());
    event.message(method + " " + http.getPath().split("[?#]", 2)[0] + " on " + request.getHeader().getResource()
        + ": " + outcome.label());
    return event;
  }

  /** An MCP JSON-RPC message, which travels as an HTTP POST. */
  public static OcsfEvent map(RequestIntercepted request, McpRequest mcp, Outcome outcome, Instant processed) {
    OcsfEvent event = base(request, outcome, "POST", processed);
    event.json().putObject("http_request").put("http_method", "POST");
    ObjectNode unmapped = event.unmapped().putObject("mcp");
    unmapped.put("method", mcp.getMethod());
    OcsfEvent.putIfPresent(unmapped, "tool", mcp.getToolName());
    OcsfEvent.putIfPresent(unmapped, "json_rpc_id", mcp.getJsonRpcId());
    event.message("MCP " + mcp.getMethod() + (mcp.getToolName() == null ? "" : " " + mcp.getToolName())
        + " on " + request.getHeader().getResource() + ": " + outcome.label());
    return event;
  }

  private static OcsfEvent base(RequestIntercepted request, Outcome outcome, String method, Instant processed) {
    int activityId = activityId(method);
    return OcsfEvent.ofRequest(OcsfClass.HTTP_ACTIVITY, activityId, activityId == 99 ? "Other" : caption(method),
        request, outcome, processed);
  }

  /** OCSF 1.5 HTTP activity of a method; PATCH and other methods are Other (99). */
  static int activityId(String method) {
    return switch (method) {
      case "CONNECT" -> 1;
      case "DELETE" -> 2;
      case "GET" -> 3;
      case "HEAD" -> 4;
      case "OPTIONS" -> 5;
      case "POST" -> 6;
      case "PUT" -> 7;
      case "TRACE" -> 8;
      default -> 99;
    };
  }

  private static String caption(String method) {
    return method.charAt(0) + method.substring(1).toLowerCase(Locale.ROOT);
  }
}
