package dev.witness.proxy.http;

import dev.witness.schemas.config.HttpRoute;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The routes of the HTTP listener; a path goes to the route with the longest matching prefix. */
public final class HttpRoutes {

  /** Recorded as the resource of requests that match no route. */
  public static final String UNROUTED = "http:unrouted";

  private final List<RouteTarget> longestFirst;

  private HttpRoutes(List<RouteTarget> targets) {
    this.longestFirst = targets.stream()
        .sorted(Comparator.comparingInt((RouteTarget t) -> t.prefix().length()).reversed())
        .toList();
  }

  /** Prepares every route, resolving credentials now. */
  public static HttpRoutes of(List<HttpRoute> routes) {
    return new HttpRoutes(routes.stream().map(RouteTarget::of).toList());
  }

  public Optional<RouteTarget> match(String path) {
    for (RouteTarget t : longestFirst) {
      if (t.matches(path)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** The resource recorded for {@code path}, also when no route matches. */
  public String resourceOf(String path) {
    return match(path).map(RouteTarget::resource).orElse(UNROUTED);
  }

  public List<RouteTarget> all() {
    return longestFirst;
  }
}
