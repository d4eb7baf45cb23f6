package dev.witness.proxy.publish;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Builds the replies the streams side would send, for tests that play that side. */
public final class Replies {

  private Replies() {}

  public static Verdict verdict(RequestIntercepted request, Decision decision, List<String> rules, String reason) {
    return Verdict.newBuilder()
        .setHeader(header(request.getHeader()))
        .setRequestId(request.getRequestId())
        .setReplyPartition(request.getReplyPartition())
        .setDecision(decision)
        .setRules(rules)
        .setReason(reason)
        .setMaskPlan(null)
        .setApprovalId(decision == Decision.REQUIRE_APPROVAL ? "appr-1" : null)
        .build();
  }

  public static Verdict allow(RequestIntercepted request) {
    return verdict(request, Decision.ALLOW, List.of(), null);
  }

  /** The masked form of {@code chunk}, its payload passed through {@code mask}. */
  public static MaskedChunk masked(ResponseChunk chunk, UnaryOperator<byte[]> mask) {
    ByteBuffer raw = chunk.getPayload().duplicate();
    byte[] bytes = new byte[raw.remaining()];
    raw.get(bytes);
    return MaskedChunk.newBuilder()
        .setHeader(header(chunk.getHeader()))
        .setRequestId(chunk.getRequestId())
        .setReplyPartition(chunk.getReplyPartition())
        .setChunkIndex(chunk.getChunkIndex())
        .setLast(chunk.getLast())
        .setHead(chunk.getHead())
        .setContentType(chunk.getContentType())
        .setPayload(ByteBuffer.wrap(mask.apply(bytes)))
        .setMaskings(List.of())
        .setError(null)
        .build();
  }

  public static MaskedChunk unchanged(ResponseChunk chunk) {
    return masked(chunk, b -> b);
  }

  private static EventHeader header(EventHeader of) {
    return EventHeader.newBuilder(of)
        .setEventId(UUID.randomUUID().toString())
        .setTimestamp(Instant.now())
        .setAgent(AgentIdentity.newBuilder(of.getAgent()).build())
        .setProtocol(Protocol.HTTP)
        .build();
  }
}
