package dev.witness.streams.masking;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import java.time.Clock;

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
    if (chunk.getEncryption() != null) {
      return MaskedChunkAnswer.withheld(chunk, ENCRYPTED_NOT_SUPPORTED, clock);
    }
    return MaskedChunkAnswer.to(chunk, clock).setPayload(chunk.getPayload().duplicate()).build();
  }
}
