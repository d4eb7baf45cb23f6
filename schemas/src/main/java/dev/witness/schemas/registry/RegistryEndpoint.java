package dev.witness.schemas.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A registry base URL split into what is requested and what may be shown: credentials written
 * as {@code https://key:secret@host} become a Basic {@code Authorization} header and never
 * appear in URLs, messages or logs.
 *
 * @param base scheme, host, port and path prefix, without credentials, query or trailing slash
 * @param authorization the {@code Authorization} header value, or null
 */
record RegistryEndpoint(String base, String authorization) {

  static RegistryEndpoint parse(String baseUrl) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("Schema registry URL is missing; write e.g. http://127.0.0.1:8081");
    }
    URI uri;
    try {
      uri = new URI(baseUrl.strip());
    } catch (URISyntaxException e) {
      // The reason only: the text itself may carry credentials.
      throw new IllegalArgumentException("Schema registry URL is not a valid URL (" + e.getReason() + ")");
    }
    String scheme = uri.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "Schema registry URL must be http(s)://host[:port][/path]; write e.g. http://127.0.0.1:8081");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String base = scheme.toLowerCase() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + path;
    String userInfo = uri.getRawUserInfo();
    String authorization = userInfo == null ? null : "Basic " + Base64.getEncoder().encodeToString(
        URLDecoder.decode(userInfo.replace("+", "%2B"), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    return new RegistryEndpoint(base, authorization);
  }

  /** The absolute URL of {@code path} (which starts with '/'); safe to show. */
  String url(String path) {
    return base + path;
  }

  @Override
  public String toString() {
    return base + (authorization == null ? "" : " (with credentials)");
  }
}
