package dev.witness.proxy.http;

import java.net.URI;
import java.util.Locale;

/**
 * The path and query of an agent's request target. Dot segments and encoded slashes are refused:
 * the upstream would resolve them after routing, so {@code /demo/../admin} could leave its route.
 *
 * @param path the raw (still percent-encoded) path, starting with '/'
 * @param query the raw query without '?', or null
 */
public record RequestTarget(String path, String query) {

  /** Parses origin-form ({@code /p?q}) and absolute-form ({@code http://h/p?q}) targets. */
  public static RequestTarget parse(String uri) {
    String rest;
    if (uri.startsWith("/")) {
      rest = uri;
    } else if (uri.regionMatches(true, 0, "http://", 0, 7) || uri.regionMatches(true, 0, "https://", 0, 8)) {
      URI absolute;
      try {
        absolute = URI.create(uri);
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest("The request target is not a valid URL");
      }
      String path = absolute.getRawPath() == null || absolute.getRawPath().isEmpty() ? "/" : absolute.getRawPath();
      rest = absolute.getRawQuery() == null ? path : path + "?" + absolute.getRawQuery();
    } else {
      throw ProblemException.badRequest("The request target must be a path such as /demo/items");
    }
    int hash = rest.indexOf('#');
    if (hash >= 0) {
      rest = rest.substring(0, hash);
    }
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    String query = q < 0 || q == rest.length() - 1 ? null : rest.substring(q + 1);
    requireNoTraversal(path);
    return new RequestTarget(path, query);
  }

  private static void requireNoTraversal(String path) {
    String lower = path.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("\\")) {
      throw ProblemException.badRequest("Encoded slashes and backslashes are not allowed in the path");
    }
    for (String segment : lower.split("/", -1)) {
      String decoded = segment.replace("%2e", ".");
      if (decoded.equals(".") || decoded.equals("..")) {
        throw ProblemException.badRequest("Dot segments ('.' and '..') are not allowed in the path");
      }
    }
  }
}
