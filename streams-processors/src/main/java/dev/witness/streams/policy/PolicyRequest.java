package dev.witness.streams.policy;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.RequestIntercepted;
import java.util.Objects;

/**
 * The facts of a request that policy rules can match on.
 *
 * @param protocol the event protocol name, e.g. {@code HTTP}
 * @param resource the target resource, e.g. {@code http:demo}
 * @param agentId the authenticated agent id
 * @param method the HTTP method, or null when the protocol has none
 * @param path the normalized request path, or null when the protocol has none
 */
public record PolicyRequest(String protocol, String resource, String agentId, String method, String path) {

  public PolicyRequest {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(agentId, "agentId");
  }

  /** The facts of an intercepted request; paths are normalized so rules see what the target sees. */
  public static PolicyRequest of(RequestIntercepted request) {
    EventHeader header = request.getHeader();
    String method = null;
    String path = null;
    if (request.getBody() instanceof HttpRequest http) {
      method = http.getMethod();
      path = PathNormalizer.normalize(http.getPath());
    } else if (request.getBody() instanceof KubernetesRequest kubernetes) {
      path = PathNormalizer.normalize(kubernetes.getPath());
    }
    return new PolicyRequest(
        header.getProtocol().name(), header.getResource(), header.getAgent().getId(), method, path);
  }
}
