package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.event.HttpResponseHead;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForwardingTest {

  private final RouteTarget route = RouteTarget.of(new HttpRoute("/demo", "http:demo", "http://127.0.0.1:18080/v1",
      null, new BackendCredential("X-Api-Key", "upstream-secret", null, null)));

  @Test
  void upstreamRequestDropsAgentSecretsAndWitnessHeadersAndInjectsTheCredential() {
    FullHttpRequest agent = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/demo/items?x=1",
        Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));
    agent.headers()
        .add("Authorization", "Bearer agent-token")
        .add("X-Witness-Purpose", "TICKET-1")
        .add("X-Witness-Session", "s-1")
        .add("X-Api-Key", "agent-supplied")
        .add("Connection", "keep-alive, X-Hop")
        .add("X-Hop", "1")
        .add("Host", "witness:8080")
        .add("Content-Type", "application/json")
        .add("Content-Length", "2")
        .add("Accept", "a")
        .add("Accept", "b");

    FullHttpRequest out = Forwarding.upstreamRequest(agent, RequestTarget.parse(agent.uri()), route);
    try {
      assertThat(out.uri()).isEqualTo("/v1/items?x=1");
      assertThat(out.method()).isEqualTo(HttpMethod.POST);
      assertThat(out.headers().names()).map(String::toLowerCase)
          .doesNotContain("authorization", "x-witness-purpose", "x-witness-session", "connection", "x-hop");
      assertThat(out.headers().getAll("x-api-key")).containsExactly("upstream-secret");
      assertThat(out.headers().get("host")).isEqualTo("127.0.0.1:18080");
      assertThat(out.headers().get("content-length")).isEqualTo("2");
      assertThat(out.headers().getAll("accept")).containsExactly("a", "b");
      assertThat(out.content().toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    } finally {
      out.release();
      agent.release();
    }
    assertThat(agent.refCnt()).isZero();
  }

  @Test
  void bodilessGetGetsNoContentLength() {
    FullHttpRequest agent = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/demo");
    agent.headers().set("Content-Length", "0");
    FullHttpRequest out = Forwarding.upstreamRequest(agent, RequestTarget.parse("/demo"), route);
    assertThat(out.headers().contains("content-length")).isFalse();
    assertThat(out.uri()).isEqualTo("/v1");
    out.release();
    agent.release();
  }

  @Test
  void agentHeadIsChunkedWithoutLengthOrRedactedValues() {
    HttpResponseHead head = HttpResponseHead.newBuilder().setStatus(201).setHeaders(Map.of(
        "content-length", "10", "content-type", "text/plain", "set-cookie", "[REDACTED]",
        "connection", "close", "x-trace", "t")).build();

    HttpResponse r = Forwarding.agentResponseHead(head);

    assertThat(r.status().code()).isEqualTo(201);
    assertThat(r.headers().get("transfer-encoding")).isEqualTo("chunked");
    assertThat(r.headers().contains("content-length")).isFalse();
    assertThat(r.headers().contains("set-cookie")).isFalse();
    assertThat(r.headers().contains("connection")).isFalse();
    assertThat(r.headers().get("content-type")).isEqualTo("text/plain");
    assertThat(r.headers().get("x-trace")).isEqualTo("t");
  }

  @Test
  void bodilessStatusesAreNotChunked() {
    HttpResponse r = Forwarding.agentResponseHead(HttpResponseHead.newBuilder().setStatus(204).setHeaders(Map.of()).build());
    assertThat(r.headers().contains("transfer-encoding")).isFalse();
  }
}
