package dev.witness.proxy.http.kubernetes;

import dev.witness.schemas.event.KubernetesRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Derives the Kubernetes authorization attributes (verb, resource, subresource, namespace, name)
 * of one API call from its method, path and query, as the API server's request-info resolver does.
 * Paths outside {@code /api} and {@code /apis/<group>} (discovery, {@code /version}) keep the
 * lower-case method as verb and an empty resource.
 */
public final class KubernetesRequests {

  private KubernetesRequests() {}

  /**
   * Like {@link #of(String, String, String)}, recording {@code body} (the request body, may be
   * null) for create, update and patch, with Secret values redacted ({@link KubernetesBodies}).
   */
  public static KubernetesRequest of(String method, String path, String query, byte[] body) {
    KubernetesRequest call = of(method, path, query);
    if (call.getVerb().equals("create") || call.getVerb().equals("update") || call.getVerb().equals("patch")) {
      call.setBody(KubernetesBodies.recorded(call.getResource(), body));
    }
    return call;
  }

  /** The recorded request for {@code method} on {@code path} (raw, without query) with {@code query} (raw or null). */
  public static KubernetesRequest of(String method, String path, String query) {
    String verb = method.toLowerCase(Locale.ROOT);
    KubernetesRequest.Builder out = KubernetesRequest.newBuilder()
        .setVerb(verb).setResource("").setNamespace(null).setName(null).setSubresource(null).setPath(path);
    List<String> parts = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).map(KubernetesRequests::decode).toList();
    int at;
    if (parts.size() >= 2 && parts.get(0).equals("api")) {
      at = 2;
    } else if (parts.size() >= 3 && parts.get(0).equals("apis")) {
      at = 3;
    } else {
      return out.build();
    }
    List<String> rest = parts.subList(at, parts.size());
    if (rest.isEmpty()) {
      return out.build();
    }
    // namespaces/<ns>/<resource>/... names a namespaced resource; namespaces/<ns> alone is the namespace object.
    if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
      out.setNamespace(rest.get(1));
      rest = rest.subList(2, rest.size());
    } else if (rest.get(0).equals("namespaces") && rest.size() == 2) {
      out.setNamespace(rest.get(1));
    }
    out.setResource(rest.get(0));
    if (rest.size() >= 2) {
      out.setName(rest.get(1));
    }
    if (rest.size() >= 3) {
      out.setSubresource(String.join("/", rest.subList(2, rest.size())));
    }
    return out.setVerb(verb(method, out.getName() != null, watching(query))).build();
  }

  private static String verb(String method, boolean named, boolean watch) {
    return switch (method.toUpperCase(Locale.ROOT)) {
      case "GET", "HEAD" -> watch ? "watch" : named ? "get" : "list";
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> method.toLowerCase(Locale.ROOT);
    };
  }

  /**
   * Whether the response to a call with {@code query} is an open-ended line stream: a watch (one
   * JSON event per line) or followed logs ({@code follow=true}).
   */
  public static boolean streamsLines(String query) {
    return watching(query) || flag(query, "follow");
  }

  private static boolean watching(String query) {
    return flag(query, "watch");
  }

  private static boolean flag(String query, String name) {
    if (query == null) {
      return false;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key.equals(name) && (value.equalsIgnoreCase("true") || value.equals("1"))) {
        return true;
      }
    }
    return false;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
