package dev.witness.proxy.http;

import java.util.List;
import java.util.Map;

/**
 * An agent's HTTP request as the event factory needs it, free of Netty types.
 *
 * @param method the request method
 * @param path the raw path as the agent sent it (with the route prefix)
 * @param query the raw query, or null
 * @param headers the headers as received, in order, repeated names repeated
 * @param body the aggregated body, or null when it is empty or not recorded
 * @param bodySize the body length in bytes; the declared length (or -1 if unknown) when not read
 */
public record HttpRequestData(
    String method, String path, String query, List<Map.Entry<String, String>> headers, byte[] body, long bodySize) {

  public HttpRequestData {
    headers = List.copyOf(headers);
  }
}
