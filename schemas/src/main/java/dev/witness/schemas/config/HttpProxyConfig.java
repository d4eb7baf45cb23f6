package dev.witness.schemas.config;

import java.util.List;

/**
 * The HTTP proxy listener and its routes.
 *
 * @param listen {@code host:port} to listen on
 * @param maxRequestBodyBytes larger request bodies are refused with 413 (they are recorded
 *     whole before forwarding)
 * @param responseChunkBytes responses are recorded and masked in chunks of at most this size
 * @param routes path prefixes and the upstreams they lead to
 */
public record HttpProxyConfig(
    String listen, Long maxRequestBodyBytes, Integer responseChunkBytes, List<HttpRoute> routes) {

  public HttpProxyConfig {
    listen = listen == null ? "127.0.0.1:8080" : listen;
    maxRequestBodyBytes = maxRequestBodyBytes == null ? 1024L * 1024 : maxRequestBodyBytes;
    responseChunkBytes = responseChunkBytes == null ? 256 * 1024 : responseChunkBytes;
    routes = routes == null ? List.of() : List.copyOf(routes);
  }

  public static HttpProxyConfig defaults() {
    return new HttpProxyConfig(null, null, null, null);
  }

  public HttpProxyConfig withListen(String listen) {
    return new HttpProxyConfig(listen, maxRequestBodyBytes, responseChunkBytes, routes);
  }

  public HttpProxyConfig withRoutes(List<HttpRoute> routes) {
    return new HttpProxyConfig(listen, maxRequestBodyBytes, responseChunkBytes, routes);
  }
}
