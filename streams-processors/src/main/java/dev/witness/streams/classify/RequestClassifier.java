package dev.witness.streams.classify;

import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import java.util.List;

/** Classifies an intercepted request with the classifier of its body's protocol. */
public final class RequestClassifier {

  private RequestClassifier() {}

  /** The classified form of {@code request}; a body of an unknown type is {@code OTHER} and {@code HIGH}. */
  public static ClassifiedRequest classify(RequestIntercepted request) {
    return classify(request, PathTemplates.DERIVED);
  }

  /** As {@link #classify(RequestIntercepted)}, HTTP paths templated by {@code templates}. */
  public static ClassifiedRequest classify(RequestIntercepted request, PathTemplates templates) {
    return switch (request.getBody()) {
      case SqlRequest sql -> SqlClassifier.classify(sql.getStatement());
      case HttpRequest http -> HttpClassifier.classify(http.getMethod(), http.getPath(), templates);
      case McpRequest mcp -> McpClassifier.classify(mcp.getMethod(), mcp.getToolName(), mcp.getArguments());
      case KubernetesRequest k8s -> KubernetesClassifier.classify(
          k8s.getVerb(), k8s.getResource(), k8s.getSubresource(), k8s.getNamespace(), k8s.getName());
      case null, default -> new ClassifiedRequest(
          RequestKind.OTHER, RiskLevel.HIGH, List.of("request body is not classified"), null, null, null, null);
    };
  }

  /**
   * What approvers see of {@code request}: SQL with literals replaced by {@code ?}, an HTTP method and
   * path without query, an MCP tool name, a Kubernetes verb and resource. Never parameters or bodies.
   */
  public static String describe(RequestIntercepted request) {
    return switch (request.getBody()) {
      case SqlRequest sql -> SqlLiteralMasker.mask(sql.getStatement());
      case HttpRequest http -> http.getMethod() + " " + http.getPath().split("[?#]", 2)[0];
      case McpRequest mcp -> mcp.getMethod() + (mcp.getToolName() == null ? "" : " " + mcp.getToolName());
      case KubernetesRequest k8s -> k8s.getVerb() + " " + k8s.getResource()
          + (k8s.getSubresource() == null ? "" : "/" + k8s.getSubresource())
          + (k8s.getNamespace() == null ? "" : " -n " + k8s.getNamespace())
          + (k8s.getName() == null ? "" : " " + k8s.getName());
      case null, default -> "";
    };
  }
}
