package dev.witness.proxy.http;

import dev.witness.schemas.event.HttpResponseHead;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What crosses the proxy: the request sent upstream and the response head sent to the agent. */
final class Forwarding {

  /** Hop-by-hop headers (RFC 9110 7.6.1) and the framing headers the proxy sets itself. */
  private static final Set<String> NOT_FORWARDED = Set.of(
      "connection", "keep-alive", "proxy-connection", "proxy-authenticate", "proxy-authorization",
      "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect");

  private static final Set<HttpMethod> BODY_METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

  private Forwarding() {}

  /**
   * The request for the upstream: the agent's Authorization and every X-Witness-* header removed,
   * the route's credential injected, the prefix stripped if configured. Shares (retains) the body.
   */
  static FullHttpRequest upstreamRequest(FullHttpRequest agent, RequestTarget target, RouteTarget route) {
    FullHttpRequest out = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, agent.method(),
        route.upstreamUri(target.path(), target.query()), agent.content().retainedDuplicate());
    HttpHeaders headers = out.headers();
    Set<String> named = connectionTokens(agent.headers());
    for (Map.Entry<String, String> h : agent.headers()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (NOT_FORWARDED.contains(name) || named.contains(name) || name.equals("authorization")
          || WitnessHeaders.isWitnessHeader(name)) {
        continue;
      }
      headers.add(h.getKey(), h.getValue());
    }
    headers.set(HttpHeaderNames.HOST, route.authority());
    int length = agent.content().readableBytes();
    // The aggregator adds Content-Length: 0 to every request; only methods with a body keep it.
    if (length > 0 || BODY_METHODS.contains(agent.method())) {
      headers.set(HttpHeaderNames.CONTENT_LENGTH, length);
    }
    if (route.credentialHeader() != null) {
      headers.set(route.credentialHeader(), route.credentialValue());
    }
    return out;
  }

  /**
   * The response head for the agent, from the masked head: framing headers dropped (masking may
   * change lengths, so the body is always chunked) and redacted values left out rather than
   * sent as a literal "[REDACTED]".
   */
  static HttpResponse agentResponseHead(HttpResponseHead head) {
    HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(head.getStatus()));
    HttpHeaders headers = response.headers();
    Set<String> named = new HashSet<>();
    String connection = head.getHeaders().get("connection");
    if (connection != null) {
      for (String token : connection.split(",")) {
        named.add(token.strip().toLowerCase(Locale.ROOT));
      }
    }
    for (Map.Entry<String, String> h : head.getHeaders().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (NOT_FORWARDED.contains(name) || named.contains(name) || HeaderRedactor.REDACTED.equals(h.getValue())) {
        continue;
      }
      headers.add(name, h.getValue());
    }
    int status = head.getStatus();
    boolean bodyless = (status >= 100 && status < 200) || status == 204 || status == 304;
    if (!bodyless) {
      headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    return response;
  }

  private static Set<String> connectionTokens(HttpHeaders headers) {
    Set<String> tokens = new HashSet<>();
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : value.split(",")) {
        tokens.add(token.strip().toLowerCase(Locale.ROOT));
      }
    }
    return tokens;
  }
}
