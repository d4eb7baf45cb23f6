package dev.witness.evidence.document;

import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.SqlRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The protocol-specific part of a request document, one record per request body type. */
public sealed interface RequestDetails {

  /** The document name of this body type. */
  String kind();

  /** Maps a {@code RequestIntercepted.body} union branch. */
  static RequestDetails of(Object body) {
    return switch (body) {
      case HttpRequest r -> Http.of(r);
      case SqlRequest r -> new Sql(r.getStatement(), r.getParameters(), r.getDatabase(), r.getPreparedStatementName(),
          r.getToolCallId());
      case McpRequest r -> new Mcp(r.getMethod(), r.getToolName(), r.getArguments(), r.getJsonRpcId());
      case KubernetesRequest r -> new Kubernetes(
          r.getVerb(), r.getResource(), r.getNamespace(), r.getName(), r.getSubresource(), r.getPath());
      case null -> throw new IllegalArgumentException("Request has no body");
      default -> throw new IllegalArgumentException("Unknown request body " + body.getClass().getName());
    };
  }

  /** An HTTP request; headers sorted by name so documents are stable. */
  record Http(String method, String path, String query, Map<String, String> headers, String body,
      String bodyEncoding, long bodySize) implements RequestDetails {

    static Http of(HttpRequest r) {
      BodyText body = BodyText.of(r.getBody());
      return new Http(r.getMethod(), r.getPath(), r.getQuery(), new TreeMap<>(r.getHeaders()),
          BodyText.textOf(body), BodyText.encodingOf(body), r.getBodySize());
    }

    @Override
    public String kind() {
      return "http";
    }
  }

  /**
   * A SQL statement with its bound parameters as text, and the model's tool call it ran for when
   * the agent's SQL tool named one ({@code -c witness.tool_call_id=}).
   */
  record Sql(String statement, List<String> parameters, String database, String preparedStatementName,
      String toolCallId) implements RequestDetails {

    @Override
    public String kind() {
      return "sql";
    }
  }

  /** A Model Context Protocol JSON-RPC call. */
  record Mcp(String method, String toolName, String arguments, String jsonRpcId) implements RequestDetails {

    @Override
    public String kind() {
      return "mcp";
    }
  }

  /** A Kubernetes API call. */
  record Kubernetes(String verb, String resource, String namespace, String name, String subresource, String path)
      implements RequestDetails {

    @Override
    public String kind() {
      return "kubernetes";
    }
  }
}
