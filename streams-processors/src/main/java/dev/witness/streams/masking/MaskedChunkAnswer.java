package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.event.EventHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;

/** The masked chunk that answers a raw chunk: its place in the response carried over, under a derived header. */
final class MaskedChunkAnswer {

  private MaskedChunkAnswer() {}

  /**
   * A builder for the answer to {@code chunk}: its request, reply partition, index, head, content
   * type and error, no maskings yet; the caller sets the payload.
   */
  static MaskedChunk.Builder to(ResponseChunk chunk, Clock clock) {
    return MaskedChunk.newBuilder()
        .setHeader(EventHeaders.derive(chunk.getHeader(), DerivedEventId.Kind.MASKED_CHUNK, clock))
        .setRequestId(chunk.getRequestId())
        .setReplyPartition(chunk.getReplyPartition())
        .setChunkIndex(chunk.getChunkIndex())
        .setLast(chunk.getLast())
        .setHead(chunk.getHead())
        .setContentType(chunk.getContentType())
        .setError(chunk.getError())
        .setMaskings(List.of());
  }

  /** The answer that withholds {@code chunk}: no payload, and {@code error} saying why. */
  static MaskedChunk withheld(ResponseChunk chunk, String error, Clock clock) {
    return to(chunk, clock).setPayload(ByteBuffer.allocate(0)).setError(error).build();
  }
}
