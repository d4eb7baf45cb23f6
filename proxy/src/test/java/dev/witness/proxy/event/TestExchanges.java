package dev.witness.proxy.event;

import dev.witness.proxy.auth.AuthenticatedAgent;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Protocol;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Fixed clocks, counting ids and ready-made events for unit tests. */
public final class TestExchanges {

  public static final Instant NOW = Instant.parse("2026-01-02T03:04:05.123456Z");

  private TestExchanges() {}

  public static Clock clock() {
    return Clock.fixed(NOW, ZoneOffset.UTC);
  }

  /** Ids id-1, id-2, ... */
  public static EventHeaderFactory headers() {
    AtomicInteger n = new AtomicInteger();
    return new EventHeaderFactory(clock(), () -> "id-" + n.incrementAndGet());
  }

  public static ExchangeContext context(String requestId) {
    return new ExchangeContext(requestId, "session-1", new AuthenticatedAgent("agent-a", "alice"), "TICKET-1", "http:demo", 3);
  }

  public static ExchangeContext anonymous(String requestId) {
    return new ExchangeContext(requestId, "session-1", AuthenticatedAgent.ANONYMOUS, null, "http:demo", 3);
  }

  public static RequestIntercepted request(String requestId) {
    return RequestIntercepted.newBuilder()
        .setHeader(headers().header(context(requestId), 0, Protocol.HTTP))
        .setRequestId(requestId)
        .setReplyPartition(3)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED).setMethod("bearer-token").build())
        .setBody(HttpRequest.newBuilder().setMethod("GET").setPath("/demo").setHeaders(Map.of()).build())
        .build();
  }

  public static ResponseChunk chunk(String requestId, int index) {
    return ResponseChunk.newBuilder()
        .setHeader(headers().header(context(requestId), 1 + index, Protocol.HTTP))
        .setRequestId(requestId)
        .setReplyPartition(3)
        .setChunkIndex(index)
        .setLast(false)
        .setPayload(ByteBuffer.wrap(new byte[] {1, 2, 3}))
        .build();
  }
}
