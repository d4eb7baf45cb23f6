package dev.witness.schemas.config;

/**
 * Requests whose path starts with {@code prefix} go to {@code upstream}.
 *
 * @param prefix path prefix, e.g. {@code /demo}
 * @param resource the resource name recorded in events, e.g. {@code http:demo}
 * @param upstream base URL of the target, e.g. {@code http://127.0.0.1:18080}
 * @param stripPrefix whether the prefix is removed before forwarding (default true)
 * @param credential the credential Witness injects towards the upstream, if any
 */
public record HttpRoute(
    String prefix, String resource, String upstream, Boolean stripPrefix, BackendCredential credential) {

  public HttpRoute {
    stripPrefix = stripPrefix == null ? Boolean.TRUE : stripPrefix;
  }
}
