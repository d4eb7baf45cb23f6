package dev.witness.streams.classify;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as policy rules see it: what it does, how risky it is, and the protocol's facts.
 * Exactly one of {@code sql}, {@code http}, {@code mcp}, {@code kubernetes} is set, except for
 * OpenAI requests, which carry HTTP facts.
 *
 * @param kind what the request does
 * @param risk how risky it is
 * @param reasons why it got that risk, e.g. {@code DELETE without WHERE}
 * @param sql facts of a SQL statement string
 * @param http facts of an HTTP request
 * @param mcp facts of an MCP message
 * @param kubernetes facts of a Kubernetes API call
 */
public record ClassifiedRequest(
    RequestKind kind,
    RiskLevel risk,
    List<String> reasons,
    SqlFacts sql,
    HttpFacts http,
    McpFacts mcp,
    KubernetesFacts kubernetes) {

  public ClassifiedRequest {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(risk, "risk");
    reasons = List.copyOf(reasons);
  }

  /**
   * Facts of an HTTP request.
   *
   * @param method upper-case method
   * @param path normalized path
   * @param template the path with id-like segments (numbers, UUIDs, long hex) replaced by {@code {id}}
   */
  public record HttpFacts(String method, String path, String template) {}

  /**
   * Facts of an MCP JSON-RPC message.
   *
   * @param method JSON-RPC method, e.g. {@code tools/call}
   * @param tool tool name of a {@code tools/call}, or empty
   * @param arguments top-level arguments, string, number and boolean values only
   * @param sql facts of a SQL string passed in an argument named sql, query or statement, or null
   */
  public record McpFacts(String method, String tool, Map<String, Object> arguments, SqlFacts sql) {

    public McpFacts {
      arguments = Map.copyOf(arguments);
    }
  }

  /**
   * Facts of a Kubernetes API call.
   *
   * @param verb lower-case verb, e.g. {@code get}, {@code create}
   * @param resource lower-case resource, e.g. {@code pods}
   * @param subresource e.g. {@code exec}, or empty
   * @param namespace or empty
   * @param name or empty
   */
  public record KubernetesFacts(String verb, String resource, String subresource, String namespace, String name) {}
}
