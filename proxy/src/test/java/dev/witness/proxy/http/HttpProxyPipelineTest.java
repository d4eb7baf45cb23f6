package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.TestExchanges;
import dev.witness.proxy.publish.PendingReplies;
import dev.witness.proxy.publish.RecordingPublisher;
import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent pipeline end to end on in-memory channels; the test plays Kafka's and the upstream's part. */
class HttpProxyPipelineTest {

  private static final String TOKEN = "token-a";

  private final RecordingPublisher publisher = new RecordingPublisher();
  private final PendingReplies replies = new PendingReplies(3);
  private final FakeUpstreams upstreams = new FakeUpstreams();
  private final ProxyConfig config = new ProxyConfig(3, Duration.ofSeconds(5), new HttpProxyConfig("127.0.0.1:0", 32L, 8,
      List.of(new HttpRoute("/demo", "http:demo", "http://127.0.0.1:18080", null,
          new BackendCredential("X-Api-Key", "upstream-secret", null, null)))), null);
  private final HttpProxyServices services = HttpProxyListener.services(config,
      new AgentAuthenticator(List.of(new AgentConfig("agent-a", AgentAuthenticator.sha256Hex(TOKEN), "alice"))),
      publisher, replies, TestExchanges.clock(), upstreams);
  private EmbeddedChannel agent;

  @BeforeEach
  void connect() throws Exception {
    agent = new EmbeddedChannel(false, false, new HttpProxyInitializer(services));
    agent.config().setAutoRead(false);
    agent.register();
  }

  @AfterEach
  void release() {
    agent.finishAndReleaseAll();
    upstreams.releaseAll();
  }

  @Test
  void allowedPostIsForwardedWithoutAgentSecretsAndAnsweredWithMaskedChunks() throws Exception {
    send("POST /demo/items?x=1 HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN
        + "\r\nX-Witness-Purpose: TICKET-9\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello");

    RequestIntercepted request = publisher.nextRequest();
    HttpRequest http = (HttpRequest) request.getBody();
    assertThat(http.getMethod()).isEqualTo("POST");
    assertThat(http.getPath()).isEqualTo("/demo/items");
    assertThat(http.getQuery()).isEqualTo("x=1");
    assertThat(http.getHeaders()).containsEntry("authorization", "[REDACTED]");
    assertThat(http.getBody()).isEqualTo(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
    assertThat(request.getHeader().getPurpose()).isEqualTo("TICKET-9");
    assertThat(request.getHeader().getAgent().getId()).isEqualTo("agent-a");
    assertThat(request.getReplyPartition()).isEqualTo(3);
    assertThat(upstreams.opened).as("nothing forwarded before the verdict").isEmpty();

    replies.dispatch(Replies.allow(request));
    settle();

    String forwarded = Wire.drain(upstreams.last());
    assertThat(forwarded).startsWith("POST /items?x=1 HTTP/1.1\r\n")
        .contains("X-Api-Key: upstream-secret", "host: 127.0.0.1:18080")
        .doesNotContainIgnoringCase("authorization").doesNotContainIgnoringCase("x-witness")
        .doesNotContain(TOKEN).endsWith("\r\n\r\nhello");

    upstreams.last().writeInbound(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nSet-Cookie: s=1\r\n"
        + "Content-Length: 20\r\n\r\nabcdefghijklmnopqrst"));
    ResponseChunk c0 = maskNext(0, "abcdefgh", false);
    ResponseChunk c1 = maskNext(1, "ijklmnop", false);
    ResponseChunk c2 = maskNext(2, "qrst", true);

    HttpResponseHead head = (HttpResponseHead) c0.getHead();
    assertThat(head.getStatus()).isEqualTo(200);
    assertThat(head.getHeaders()).containsEntry("set-cookie", "[REDACTED]").containsEntry("content-length", "20");
    assertThat(c1.getHead()).isNull();
    assertThat(List.of(request.getHeader().getSequence(), c0.getHeader().getSequence(),
        c1.getHeader().getSequence(), c2.getHeader().getSequence())).containsExactly(0L, 1L, 2L, 3L);
    assertThat(c0.getHeader().getSessionId()).isEqualTo(request.getHeader().getSessionId());

    String raw = Wire.drain(agent);
    assertThat(raw).contains("transfer-encoding: chunked").doesNotContainIgnoringCase("set-cookie")
        .doesNotContain("content-length: 20");
    FullHttpResponse response = single(raw);
    assertThat(response.status().code()).isEqualTo(200);
    assertThat(Wire.body(response)).as("the agent gets the masked form").isEqualTo("ABCDEFGHIJKLMNOPQRST");
    response.release();
  }

  @Test
  void upstreamIsReadAgainOnlyAfterTheMaskedChunkWasWritten() throws Exception {
    allowGet("/demo/big");
    EmbeddedChannel up = upstreams.last();
    up.writeInbound(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 20\r\n\r\nabcdefgh"));
    ResponseChunk c0 = publisher.nextChunk();
    int readsWhileMasking = upstreams.reads();

    up.writeInbound(Wire.bytes("ijklmnop"));
    assertThat(upstreams.reads()).as("no read while chunk 0 waits for masking").isEqualTo(readsWhileMasking);
    assertThat(publisher.isEmpty()).as("one chunk in flight at a time").isTrue();

    replies.dispatch(Replies.unchanged(c0));
    settle();
    ResponseChunk c1 = publisher.nextChunk();
    assertThat(c1.getChunkIndex()).isEqualTo(1);
    assertThat(upstreams.reads()).as("a full chunk was buffered: still no read").isEqualTo(readsWhileMasking);

    replies.dispatch(Replies.unchanged(c1));
    settle();
    assertThat(upstreams.reads()).as("buffer empty and chunk written: read more").isEqualTo(readsWhileMasking + 1);

    up.writeInbound(Wire.bytes("qrst"));
    maskNext(2, "qrst", true);
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(Wire.body(response)).isEqualTo("abcdefghijklmnopQRST");
    response.release();
  }

  @Test
  void denyIsA403NamingTheRulesAndNothingIsForwarded() throws Exception {
    send(get("/demo/secret", TOKEN));
    replies.dispatch(Replies.verdict(publisher.nextRequest(), Decision.DENY, List.of("no-secrets"), "secret data"));
    settle();

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(403);
    assertThat(response.headers().get("content-type")).isEqualTo("application/problem+json");
    assertThat(Wire.body(response)).contains("\"rules\":[\"no-secrets\"]", "secret data");
    response.release();
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void connectionServesTheNextRequestAfterARefusal() throws Exception {
    send(get("/demo/secret", TOKEN));
    replies.dispatch(Replies.verdict(publisher.nextRequest(), Decision.DENY, List.of("no-secrets"), null));
    settle();
    assertThat(single(Wire.drain(agent)).status().code()).isEqualTo(403);

    send("POST /demo/echo HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Length: 2\r\n\r\n{}");

    RequestIntercepted next = publisher.nextRequest();
    assertThat(next).isNotNull();
    assertThat(((HttpRequest) next.getBody()).getPath()).isEqualTo("/demo/echo");
  }

  @Test
  void requireApprovalIsA403AndNothingIsForwarded() throws Exception {
    send(get("/demo/prod", TOKEN));
    replies.dispatch(Replies.verdict(publisher.nextRequest(), Decision.REQUIRE_APPROVAL, List.of("prod"), null));
    settle();

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(403);
    assertThat(Wire.body(response)).contains("approval-required", "\"approvalId\":\"appr-1\"");
    response.release();
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void publishFailureIsA503AndNothingIsForwarded() throws Exception {
    publisher.failWith(new IllegalStateException("broker down"));
    send(get("/demo/items", TOKEN));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(503);
    assertThat(Wire.body(response)).contains("Witness cannot record this request; nothing was forwarded")
        .doesNotContain("broker down");
    response.release();
    assertThat(upstreams.opened).isEmpty();
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void missingTokenIsA401AndARecordedAuthenticationFailure() throws Exception {
    send("GET /demo/items HTTP/1.1\r\nHost: w\r\n\r\n");

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(response.headers().get("www-authenticate")).startsWith("Bearer");
    response.release();
    RequestIntercepted event = publisher.nextRequest();
    assertThat(event.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.FAILED);
    assertThat(event.getAuthentication().getMethod()).isEqualTo("bearer-token");
    assertThat(event.getAuthentication().getReason()).isEqualTo("missing token");
    assertThat(event.getHeader().getAgent().getId()).isEqualTo("anonymous");
    assertThat(event.getHeader().getResource()).isEqualTo("http:demo");
    assertThat(upstreams.opened).isEmpty();
    assertThat(replies.waiting()).isZero();
  }

  @Test
  void unknownTokenIsA401AndTheTokenIsNeverRecorded() throws Exception {
    send(get("/demo/items", "stolen-token-123"));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(Wire.body(response)).doesNotContain("stolen-token-123");
    response.release();
    RequestIntercepted event = publisher.nextRequest();
    assertThat(event.getAuthentication().getReason()).isEqualTo("unknown token");
    assertThat(event.toString()).doesNotContain("stolen-token-123");
  }

  @Test
  void unroutedPathIsA404() throws Exception {
    send(get("/elsewhere", TOKEN));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(404);
    response.release();
    assertThat(publisher.isEmpty()).isTrue();
  }

  @Test
  void oversizedBodyIsRecordedAndRefusedWith413() throws Exception {
    send("POST /demo/upload HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN
        + "\r\nContent-Length: 100\r\n\r\n" + "x".repeat(100));

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(413);
    assertThat(response.headers().get("connection")).isEqualTo("close");
    response.release();
    RequestIntercepted event = publisher.nextRequest();
    HttpRequest http = (HttpRequest) event.getBody();
    assertThat(http.getBody()).isNull();
    assertThat(http.getBodySize()).isEqualTo(100);
    assertThat(event.getAuthentication().getOutcome()).isEqualTo(AuthenticationOutcome.SUCCEEDED);
    assertThat(agent.isOpen()).isFalse();
    assertThat(upstreams.opened).isEmpty();
  }

  @Test
  void oversizedChunkedBodyIsRefusedToo() throws Exception {
    send("POST /demo/upload HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN
        + "\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n" + "y".repeat(20) + "\r\n14\r\n" + "y".repeat(20) + "\r\n0\r\n\r\n");

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(413);
    response.release();
    assertThat(((HttpRequest) publisher.nextRequest().getBody()).getBodySize()).isEqualTo(-1);
  }

  @Test
  void pipelinedRequestsAreHandledOneAfterAnotherInOneSession() throws Exception {
    send(get("/demo/one", TOKEN) + get("/demo/two", TOKEN));

    RequestIntercepted first = publisher.nextRequest();
    assertThat(publisher.isEmpty()).as("the second waits for the first").isTrue();
    replies.dispatch(Replies.allow(first));
    settle();
    Wire.drain(upstreams.last());
    upstreams.last().writeInbound(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"));
    ResponseChunk empty = maskNext(0, "", true);

    RequestIntercepted second = publisher.nextRequest();
    assertThat(((HttpRequest) second.getBody()).getPath()).isEqualTo("/demo/two");
    assertThat(second.getHeader().getSessionId()).isEqualTo(first.getHeader().getSessionId());
    assertThat(List.of(first.getHeader().getSequence(), empty.getHeader().getSequence(), second.getHeader().getSequence()))
        .containsExactly(0L, 1L, 2L);
    replies.dispatch(Replies.allow(second));
    settle();
    assertThat(Wire.drain(upstreams.last())).startsWith("GET /two HTTP/1.1");
    assertThat(upstreams.opened).as("keep-alive upstream reused").hasSize(1);
    upstreams.last().writeInbound(Wire.bytes("HTTP/1.1 204 No Content\r\n\r\n"));
    maskNext(0, "", true);

    String raw = Wire.drain(agent);
    assertThat(raw).startsWith("HTTP/1.1 200 OK").contains("HTTP/1.1 204 No Content");
  }

  @Test
  void agentNamedSessionIsUsed() throws Exception {
    send("GET /demo/x HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Witness-Session: run-42\r\n\r\n");
    assertThat(publisher.nextRequest().getHeader().getSessionId()).isEqualTo("run-42");
  }

  @Test
  void malformedSessionIsA400() throws Exception {
    send("GET /demo/x HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Witness-Session: a b/c\r\n\r\n");
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(400);
    response.release();
    assertThat(publisher.isEmpty()).isTrue();
  }

  @Test
  void unreachableUpstreamIsA502AndARecordedErrorChunk() throws Exception {
    upstreams.refuse = true;
    allowGet("/demo/x");

    ResponseChunk error = publisher.nextChunk();
    assertThat(error.getError()).isEqualTo("upstream unreachable: ConnectException");
    assertThat(error.getLast()).isTrue();
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(502);
    response.release();
  }

  @Test
  void upstreamClosingBeforeRespondingIsA502() throws Exception {
    allowGet("/demo/x");
    upstreams.last().close();
    settle();

    assertThat(publisher.nextChunk().getError()).isEqualTo("upstream closed the connection before responding");
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(502);
    response.release();
    assertThat(agent.isOpen()).isTrue();
  }

  @Test
  void maskingFailureBeforeHeadersIsA503() throws Exception {
    allowGet("/demo/x");
    upstreams.last().writeInbound(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"));
    ResponseChunk chunk = publisher.nextChunk();
    MaskedChunk failed = Replies.unchanged(chunk);
    failed.setError("detector crashed");
    replies.dispatch(failed);
    settle();

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(503);
    assertThat(Wire.body(response)).contains("the target's answer was withheld").doesNotContain("abc");
    response.release();
  }

  @Test
  void maskingFailureMidStreamCutsTheConnection() throws Exception {
    allowGet("/demo/x");
    upstreams.last().writeInbound(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 16\r\n\r\nabcdefghijklmnop"));
    maskNext(0, "abcdefgh", false);
    MaskedChunk failed = Replies.unchanged(publisher.nextChunk());
    failed.setError("detector crashed");
    replies.dispatch(failed);
    settle();

    String raw = Wire.drain(agent);
    assertThat(raw).startsWith("HTTP/1.1 200 OK").contains("ABCDEFGH").doesNotContain("ijklmnop").doesNotEndWith("0\r\n\r\n");
    assertThat(agent.isOpen()).isFalse();
  }

  @Test
  void malformedRequestIsA400AndClosed() throws Exception {
    send("GARBAGE\r\n\r\n");
    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(400);
    response.release();
    assertThat(agent.isOpen()).isFalse();
  }

  private void allowGet(String path) throws Exception {
    send(get(path, TOKEN));
    replies.dispatch(Replies.allow(publisher.nextRequest()));
    settle();
    Wire.drain(upstreams.last());
  }

  /** Expects raw chunk {@code index}, answers it upper-cased, returns it. */
  private ResponseChunk maskNext(int index, String payload, boolean last) throws Exception {
    ResponseChunk chunk = publisher.nextChunk();
    assertThat(chunk).as("chunk %d published", index).isNotNull();
    assertThat(chunk.getChunkIndex()).isEqualTo(index);
    assertThat(StandardCharsets.ISO_8859_1.decode(chunk.getPayload().duplicate()).toString()).isEqualTo(payload);
    assertThat(chunk.getLast()).isEqualTo(last);
    replies.dispatch(Replies.masked(chunk,
        b -> new String(b, StandardCharsets.ISO_8859_1).toUpperCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1)));
    settle();
    return chunk;
  }

  private static String get(String path, String token) {
    return "GET " + path + " HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + token + "\r\n\r\n";
  }

  private void send(String raw) {
    agent.writeInbound(Wire.bytes(raw));
    settle();
  }

  private void settle() {
    agent.runPendingTasks();
  }

  private static FullHttpResponse single(String raw) {
    List<FullHttpResponse> responses = Wire.responses(raw);
    assertThat(responses).hasSize(1);
    return responses.get(0);
  }
}
