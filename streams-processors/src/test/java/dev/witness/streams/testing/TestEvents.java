package dev.witness.streams.testing;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.PayloadEncryption;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.ids.UuidV7;
import dev.witness.streams.event.EventHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Builds Witness events for tests, with the fields a proxy would fill. */
public final class TestEvents {

  public static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  private TestEvents() {}

  public static EventHeader header(String sessionId, long sequence, String agentId, Protocol protocol) {
    return EventHeader.newBuilder()
        // A UUIDv7 of the event's time with random bits, as a proxy makes it.
        .setEventId(new UuidV7(Clock.fixed(T0.plusMillis(sequence), ZoneOffset.UTC)).nextString())
        .setSessionId(sessionId)
        .setSequence(sequence)
        .setTimestamp(T0.plusMillis(sequence))
        .setAgent(AgentIdentity.newBuilder().setId(agentId).build())
        .setPurpose("TICKET-1")
        .setResource(protocol == Protocol.SQL ? "postgres:demo" : "http:demo")
        .setProtocol(protocol)
        .build();
  }

  /** An authenticated HTTP request of agent {@code agent-1}. */
  public static RequestIntercepted http(String sessionId, long sequence, String method, String path, int replyPartition) {
    return http(sessionId, sequence, method, path, replyPartition, AuthenticationOutcome.SUCCEEDED);
  }

  public static RequestIntercepted http(
      String sessionId, long sequence, String method, String path, int replyPartition, AuthenticationOutcome outcome) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(sessionId, sequence, "agent-1", Protocol.HTTP))
        .setRequestId("req-" + sessionId + "-" + sequence)
        .setReplyPartition(replyPartition)
        .setAuthentication(Authentication.newBuilder()
            .setOutcome(outcome)
            .setMethod("bearer-token")
            .setReason(outcome == AuthenticationOutcome.FAILED ? "unknown token" : null)
            .build())
        .setBody(HttpRequest.newBuilder()
            .setMethod(method)
            .setPath(path)
            .setHeaders(Map.of("authorization", "[REDACTED]"))
            .build())
        .build();
  }

  /** An authenticated SQL request of agent {@code agent-1}. */
  public static RequestIntercepted sql(String sessionId, long sequence, String statement, int replyPartition) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(sessionId, sequence, "agent-1", Protocol.SQL))
        .setRequestId("req-" + sessionId + "-" + sequence)
        .setReplyPartition(replyPartition)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED)
            .setMethod("scram-sha-256").build())
        .setBody(SqlRequest.newBuilder().setStatement(statement).build())
        .build();
  }

  /** A plaintext response chunk answering {@code request}. */
  public static ResponseChunk chunk(RequestIntercepted request, long sequence, int chunkIndex, boolean last, String text) {
    return ResponseChunk.newBuilder()
        .setHeader(header(request.getHeader().getSessionId(), sequence, "agent-1", request.getHeader().getProtocol()))
        .setRequestId(request.getRequestId())
        .setReplyPartition(request.getReplyPartition())
        .setChunkIndex(chunkIndex)
        .setLast(last)
        .setHead(chunkIndex == 0 ? HttpResponseHead.newBuilder().setStatus(200).build() : null)
        .setContentType("application/json")
        .setPayload(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  /** The same chunk, its payload envelope-encrypted. */
  public static ResponseChunk encrypted(ResponseChunk chunk) {
    return ResponseChunk.newBuilder(chunk)
        .setPayload(ByteBuffer.wrap(new byte[] {(byte) 0x9a, 0x11, 0x42, 0x07}))
        .setEncryption(PayloadEncryption.newBuilder().setKeyId("dk-1").setIv(ByteBuffer.wrap(new byte[12])).build())
        .build();
  }

  /** An approval-expired event of a session. */
  public static ApprovalExpired approvalExpired(String sessionId, long sequence, String approvalId) {
    return ApprovalExpired.newBuilder()
        .setHeader(header(sessionId, sequence, "agent-1", Protocol.HTTP))
        .setApprovalId(approvalId)
        .build();
  }

  /** The session of the event a ledger entry chains. */
  public static String sessionOf(LedgerEntry entry) {
    return EventHeaders.of((SpecificRecord) entry.getEvent()).map(EventHeader::getSessionId).orElse(null);
  }

  public static String text(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  public static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
