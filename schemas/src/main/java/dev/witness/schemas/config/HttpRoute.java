package dev.witness.schemas.config;

/**
 * Requests whose path starts with {@code prefix} go to {@code upstream}.
 *
 * @param prefix path prefix, e.g. {@code /demo}
 * @param resource the resource name recorded in events, e.g. {@code http:demo}
 * @param upstream base URL of the target, e.g. {@code http://127.0.0.1:18080}
 * @param stripPrefix whether the prefix is removed before forwarding (default true)
 * @param credential the credential Witness injects towards the upstream, if any
 * @param dialect how requests are framed and recorded: {@code http} (default), {@code mcp}
 *     (MCP streamable HTTP, JSON-RPC), {@code openai} (OpenAI-compatible API) or {@code kubernetes}
 *     (Kubernetes API calls, recorded as KubernetesRequest)
 */
public record HttpRoute(
    String prefix, String resource, String upstream, Boolean stripPrefix, BackendCredential credential,
    String dialect) {

  /** The dialects a route may name. */
  public static final java.util.List<String> DIALECTS = java.util.List.of("http", "mcp", "openai", "kubernetes");

  public HttpRoute {
    stripPrefix = stripPrefix == null ? Boolean.TRUE : stripPrefix;
    dialect = dialect == null ? "http" : dialect;
  }

  /** A plain HTTP route. */
  public HttpRoute(String prefix, String resource, String upstream, Boolean stripPrefix, BackendCredential credential) {
    this(prefix, resource, upstream, stripPrefix, credential, null);
  }
}
