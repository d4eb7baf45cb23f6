package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;

/** Turns a raw response chunk into what the agent may see; never returns raw ciphertext or PII. */
@FunctionalInterface
public interface ChunkMasker {

  /**
   * The masked form of {@code chunk}. Its header comes from {@code EventHeaders.derive(chunk.getHeader(),
   * DerivedEventId.Kind.MASKED_CHUNK, clock)}: the masking topology runs at-least-once, and a chunk
   * masked again after a crash must keep its event id.
   */
  MaskedChunk mask(ResponseChunk chunk);
}
