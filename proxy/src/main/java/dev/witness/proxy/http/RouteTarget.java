package dev.witness.proxy.http;

import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.event.Protocol;
import java.net.URI;

/**
 * One configured route, ready to use: the upstream URL parsed, the backend credential resolved
 * once at start (so a missing secret fails the start, not a request), and the redactor that also
 * hides the credential header.
 */
public final class RouteTarget {

  private final HttpRoute route;
  private final boolean tls;
  private final String host;
  private final int port;
  private final String basePath;
  private final String credentialHeader;
  private final String credentialValue;
  private final HeaderRedactor redactor;

  private RouteTarget(HttpRoute route, URI upstream, String credentialValue) {
    this.route = route;
    this.tls = "https".equalsIgnoreCase(upstream.getScheme());
    this.host = upstream.getHost();
    this.port = upstream.getPort() > 0 ? upstream.getPort() : tls ? 443 : 80;
    String path = upstream.getRawPath() == null ? "" : upstream.getRawPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    this.credentialHeader = route.credential() == null ? null : route.credential().header();
    this.credentialValue = credentialValue;
    this.redactor = credentialHeader == null
        ? HeaderRedactor.standard() : HeaderRedactor.standard().also(credentialHeader);
  }

  /** Validates and prepares {@code route}; the message names the bad field. */
  public static RouteTarget of(HttpRoute route) {
    if (route.prefix() == null || !route.prefix().startsWith("/")) {
      throw new ConfigException("proxy.http.routes.prefix: '" + route.prefix() + "' must start with '/'");
    }
    URI upstream;
    try {
      upstream = URI.create(route.upstream());
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ConfigException("proxy.http.routes[" + route.prefix() + "].upstream: '" + route.upstream() + "' is not a URL");
    }
    if (upstream.getHost() == null
        || !("http".equalsIgnoreCase(upstream.getScheme()) || "https".equalsIgnoreCase(upstream.getScheme()))) {
      throw new ConfigException("proxy.http.routes[" + route.prefix() + "].upstream: '" + route.upstream()
          + "' is not an http(s) URL; write e.g. http://127.0.0.1:18080");
    }
    if (!HttpRoute.DIALECTS.contains(route.dialect())) {
      throw new ConfigException("proxy.http.routes[" + route.prefix() + "].dialect: '" + route.dialect()
          + "' is not one of " + HttpRoute.DIALECTS);
    }
    String secret = route.credential() == null ? null : route.credential().resolve();
    return new RouteTarget(route, upstream, secret);
  }

  public String prefix() {
    return route.prefix();
  }

  public String resource() {
    return route.resource();
  }

  /** {@code http}, {@code mcp} or {@code openai}. */
  public String dialect() {
    return route.dialect();
  }

  public boolean kubernetes() {
    return "kubernetes".equals(route.dialect());
  }

  public boolean mcp() {
    return "mcp".equals(route.dialect());
  }

  /** The protocol recorded in the events of this route's exchanges. */
  public Protocol protocol() {
    return switch (route.dialect()) {
      case "mcp" -> Protocol.MCP;
      case "openai" -> Protocol.OPENAI;
      case "kubernetes" -> Protocol.KUBERNETES;
      default -> Protocol.HTTP;
    };
  }

  /** Whether {@code path} is the prefix or below it (on a segment boundary). */
  public boolean matches(String path) {
    String prefix = route.prefix();
    return path.equals(prefix)
        || (prefix.endsWith("/") && path.startsWith(prefix))
        || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }

  /** The request target to send upstream for an agent's {@code path} and {@code query}. */
  public String upstreamUri(String path, String query) {
    String rest = route.stripPrefix() ? path.substring(route.prefix().length()) : path;
    if (!rest.isEmpty() && !rest.startsWith("/")) {
      rest = "/" + rest;
    }
    String target = basePath + rest;
    if (target.isEmpty()) {
      target = "/";
    }
    return query == null ? target : target + "?" + query;
  }

  public boolean tls() {
    return tls;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  /** The Host header value for the upstream. */
  public String authority() {
    boolean defaultPort = tls ? port == 443 : port == 80;
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return defaultPort ? h : h + ":" + port;
  }

  /** Identifies connections that can be reused for this route. */
  public String origin() {
    return (tls ? "https://" : "http://") + authority();
  }

  /** The header carrying the injected credential, or null. */
  public String credentialHeader() {
    return credentialHeader;
  }

  /** The injected credential; never log it. */
  String credentialValue() {
    return credentialValue;
  }

  public HeaderRedactor redactor() {
    return redactor;
  }

  @Override
  public String toString() {
    // Never print the credential.
    return "RouteTarget[prefix=" + route.prefix() + ", resource=" + route.resource() + ", upstream=" + origin() + basePath + "]";
  }
}
