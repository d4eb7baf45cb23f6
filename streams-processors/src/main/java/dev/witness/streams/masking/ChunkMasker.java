package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;

/** Turns a raw response chunk into what the agent may see; never returns raw ciphertext or PII. */
@FunctionalInterface
public interface ChunkMasker {

  /** The masked form of {@code chunk}. */
  MaskedChunk mask(ResponseChunk chunk);
}
