package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.publish.Replies;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Allowed requests: forwarding, chunked masked responses, back-pressure, and failures on the way back. */
class HttpRelayPipelineTest extends AgentPipelineFixture {

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
    // Not hex: the problem body carries a request id (a UUID) that may contain any hex run.
    upstreams.last().writeInbound(Wire.bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nxyz"));
    ResponseChunk chunk = publisher.nextChunk();
    MaskedChunk failed = Replies.unchanged(chunk);
    failed.setError("detector crashed");
    replies.dispatch(failed);
    settle();

    FullHttpResponse response = single(Wire.drain(agent));
    assertThat(response.status().code()).isEqualTo(503);
    assertThat(Wire.body(response)).contains("the target's answer was withheld").doesNotContain("xyz");
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
  void requestArrivingOverSeveralReadsIsServed() throws Exception {
    // Each writeInbound is one read cycle: the head alone leaves the aggregator with nothing to pass on.
    send("POST /demo/echo HTTP/1.1\r\nHost: w\r\nAuthorization: Bearer " + TOKEN + "\r\nContent-Length: 2\r\n\r\n");
    send("{");
    send("}");

    RequestIntercepted first = publisher.nextRequest();
    assertThat(first).as("the request was read to its end and handled").isNotNull();
    replies.dispatch(Replies.verdict(first, Decision.DENY, List.of("r"), null));
    settle();
    FullHttpResponse denied = single(Wire.drain(agent));
    assertThat(denied.status().code()).isEqualTo(403);
    denied.release();

    send("GET /demo/next HTTP/1.1\r\n");
    send("Host: w\r\nAuthorization: Bearer " + TOKEN + "\r\n\r\n");
    RequestIntercepted next = publisher.nextRequest();
    assertThat(next).as("the next request on the connection too").isNotNull();
    assertThat(((HttpRequest) next.getBody()).getPath()).isEqualTo("/demo/next");
  }
}
