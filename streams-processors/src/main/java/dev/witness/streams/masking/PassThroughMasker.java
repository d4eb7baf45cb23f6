package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.event.EventHeaders;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;

/**
 * Passes plaintext chunks through unmasked until masking rules exist. Encrypted chunks fail closed:
 * without the data key the payload cannot be masked, so the agent gets an error, not ciphertext.
 */
public final class PassThroughMasker implements ChunkMasker {

  /** The error of a chunk whose payload arrived encrypted to a masker without the data key ring. */
  public static final String ENCRYPTED_NOT_SUPPORTED = "withheld: raw chunk is encrypted but this masking process "
      + "has no data key ring; set masking.rawEncryption.keyRingFile to the proxies' key ring";

  private final Clock clock;

  public PassThroughMasker(Clock clock) {
    this.clock = clock;
  }

  @Override
  public MaskedChunk mask(ResponseChunk chunk) {
    boolean encrypted = chunk.getEncryption() != null;
    return MaskedChunk.newBuilder()
        .setHeader(EventHeaders.derive(chunk.getHeader(), DerivedEventId.Kind.MASKED_CHUNK, clock))
        .setRequestId(chunk.getRequestId())
        .setReplyPartition(chunk.getReplyPartition())
        .setChunkIndex(chunk.getChunkIndex())
        .setLast(chunk.getLast())
        .setHead(chunk.getHead())
        .setContentType(chunk.getContentType())
        .setPayload(encrypted ? ByteBuffer.allocate(0) : chunk.getPayload().duplicate())
        .setMaskings(List.of())
        .setError(encrypted ? ENCRYPTED_NOT_SUPPORTED : chunk.getError())
        .build();
  }
}
