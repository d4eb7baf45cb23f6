package dev.witness.streams.masking;

import dev.witness.schemas.config.RawEncryptionConfig;
import dev.witness.schemas.envelope.ChunkEnvelope;
import dev.witness.schemas.envelope.DataKeyRing;
import dev.witness.schemas.envelope.EnvelopeException;
import dev.witness.schemas.envelope.ReloadingKeyRing;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The masking topology's first step: decrypts a raw chunk the proxy encrypted
 * ({@code masking.rawEncryption}). A chunk that does not decrypt (unknown key id, failed
 * authentication) or, while encryption is required, arrives in clear is refused: the agent gets a
 * withheld chunk naming why, with no payload, so nothing raw reaches the agent or the ledger.
 */
public final class RawChunkOpener {

  /** What became of a chunk: the plaintext chunk to mask, or the withheld answer and why. */
  public record Opened(ResponseChunk chunk, MaskedChunk refused, EnvelopeException.Reason reason) {

    public boolean isRefused() {
      return refused != null;
    }
  }

  /** Chunks pass as they are; an encrypted one then fails closed in {@link ContentMasker}. */
  private static final RawChunkOpener DISABLED = new RawChunkOpener(null, true, Clock.systemUTC());

  private final Supplier<DataKeyRing> keys;
  private final boolean acceptPlaintext;
  private final Clock clock;

  /**
   * An opener decrypting with {@code keys} (read at each chunk, so rotations apply); with
   * {@code acceptPlaintext} false a chunk in clear is withheld.
   */
  public RawChunkOpener(Supplier<DataKeyRing> keys, boolean acceptPlaintext, Clock clock) {
    this.keys = keys;
    this.acceptPlaintext = acceptPlaintext;
    this.clock = clock;
  }

  /** The opener of {@code raw}: reads its key ring file now (failing at start), or does nothing when off. */
  public static RawChunkOpener of(RawEncryptionConfig raw, Clock clock) {
    if (!raw.active()) {
      return DISABLED;
    }
    return new RawChunkOpener(ReloadingKeyRing.openConfigured(raw.keyRingFile()), raw.acceptPlaintext(), clock);
  }

  /** An opener that decrypts nothing (encryption off). */
  public static RawChunkOpener disabled() {
    return DISABLED;
  }

  /** Whether this opener decrypts. */
  public boolean enabled() {
    return keys != null;
  }

  /** The data keys (null when disabled): state derived from raw payloads is sealed with them too. */
  Supplier<DataKeyRing> keys() {
    return keys;
  }

  /** {@code chunk} decrypted, or refused. */
  public Opened open(ResponseChunk chunk) {
    if (keys == null) {
      return new Opened(chunk, null, null);
    }
    if (chunk.getEncryption() == null) {
      if (acceptPlaintext) {
        return new Opened(chunk, null, null);
      }
      return refuse(chunk, EnvelopeException.Reason.MALFORMED, "withheld: raw chunk arrived unencrypted while "
          + "masking.rawEncryption is enabled; enable it on every proxy (or set acceptPlaintext while migrating)");
    }
    try {
      return new Opened(ChunkEnvelope.open(chunk, ring(chunk)), null, null);
    } catch (EnvelopeException e) {
      String why = switch (e.reason()) {
        case UNKNOWN_KEY -> "withheld: raw chunk encrypted with " + e.getMessage()
            + "; give masking the proxies' data key ring (masking.rawEncryption.keyRingFile)";
        case NOT_AUTHENTIC -> "withheld: raw chunk failed authentication (" + e.getMessage()
            + "); it was altered or moved from another request";
        case MALFORMED -> "withheld: raw chunk encryption is malformed (" + e.getMessage() + ")";
      };
      return refuse(chunk, e.reason(), why);
    }
  }

  /** The ring, read again from its file first when it lacks the chunk's key (a rotation just happened). */
  private DataKeyRing ring(ResponseChunk chunk) {
    DataKeyRing ring = keys.get();
    if (ring.find(chunk.getEncryption().getKeyId()).isEmpty() && keys instanceof ReloadingKeyRing reloading) {
      return reloading.refresh();
    }
    return ring;
  }

  private Opened refuse(ResponseChunk chunk, EnvelopeException.Reason reason, String error) {
    return new Opened(null, MaskedChunkAnswer.withheld(chunk, error, clock), reason);
  }
}
