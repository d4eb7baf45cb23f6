package dev.witness.streams.policy;

import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.classify.ClassifiedRequest;
import dev.witness.streams.classify.HttpClassifier;
import dev.witness.streams.classify.PathTemplates;
import dev.witness.streams.classify.RequestClassifier;
import dev.witness.streams.classify.RequestKind;
import dev.witness.streams.classify.RiskLevel;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The facts of a request that policy rules can match on.
 *
 * @param protocol the event protocol name, e.g. {@code HTTP}
 * @param resource the target resource, e.g. {@code http:demo}
 * @param agentId the authenticated agent id
 * @param method the HTTP method, or null when the protocol has none
 * @param path the normalized request path, or null when the protocol has none
 * @param issuer who issued the agent's credential
 * @param delegatingHuman who delegated the agent's task, or null
 * @param purpose the purpose the agent stated, or null
 * @param time when the request was intercepted (CEL {@code time}; event time, so a replay decides alike)
 * @param classified what the request does and how risky it is
 */
public record PolicyRequest(
    String protocol,
    String resource,
    String agentId,
    String method,
    String path,
    String issuer,
    String delegatingHuman,
    String purpose,
    Instant time,
    ClassifiedRequest classified) {

  public PolicyRequest {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(classified, "classified");
  }

  /** Only the facts the 0.1 match lists see; the request counts as an HTTP call when it has a method. */
  public PolicyRequest(String protocol, String resource, String agentId, String method, String path) {
    this(protocol, resource, agentId, method, path, "witness", null, null, Instant.EPOCH,
        method != null ? HttpClassifier.classify(method, path) : new ClassifiedRequest(
            RequestKind.OTHER, RiskLevel.HIGH, List.of("request body is not classified"), null, null, null, null));
  }

  /** The facts of an intercepted request; paths are normalized so rules see what the target sees. */
  public static PolicyRequest of(RequestIntercepted request) {
    return of(request, PathTemplates.DERIVED);
  }

  /** As {@link #of(RequestIntercepted)}, HTTP paths templated by the policy's {@code templates}. */
  public static PolicyRequest of(RequestIntercepted request, PathTemplates templates) {
    EventHeader header = request.getHeader();
    String method = null;
    String path = null;
    if (request.getBody() instanceof HttpRequest http) {
      method = http.getMethod();
      path = PathNormalizer.normalize(http.getPath());
    } else if (request.getBody() instanceof KubernetesRequest kubernetes) {
      path = PathNormalizer.normalize(kubernetes.getPath());
    }
    return new PolicyRequest(header.getProtocol().name(), header.getResource(), header.getAgent().getId(), method,
        path, header.getAgent().getIssuer(), header.getAgent().getDelegatingHuman(), header.getPurpose(),
        header.getTimestamp(), RequestClassifier.classify(request, templates));
  }
}
