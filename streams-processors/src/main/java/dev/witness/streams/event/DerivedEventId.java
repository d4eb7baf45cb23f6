package dev.witness.streams.event;

import dev.witness.schemas.event.EventHeader;
import dev.witness.streams.digest.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The UUIDv7 of an event derived from another: SHA-256 of {@code kind + ":" + sourceEventId} laid out
 * as a version 7, RFC 4122 variant UUID whose 48-bit millisecond prefix is the source's.
 */
public final class DerivedEventId {

  private static final long MAX_MILLIS = (1L << 48) - 1;
  private static final long VERSION_7 = 0x7000L;
  private static final long RAND_A_MASK = 0x0FFFL;
  private static final long VARIANT_RFC_4122 = 0x8000_0000_0000_0000L;
  private static final long RAND_B_MASK = 0x3FFF_FFFF_FFFF_FFFFL;

  /** What the derived event is to its source. The label is hashed: changing it changes every id. */
  public enum Kind {
    VERDICT("verdict"),
    MASKED_CHUNK("masked-chunk"),
    /** The approval id of a request that needs approval. */
    APPROVAL("approval"),
    /** The {@code ApprovalRequested} event of a request. */
    APPROVAL_REQUESTED("approval-requested"),
    /** The {@code ApprovalDecided} or {@code ApprovalExpired} event of an approval. */
    APPROVAL_FINAL("approval-final"),
    /** The follow-up verdict sent to the held request when its approval is final. */
    APPROVAL_VERDICT("approval-verdict");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** The label hashed into the id. */
    public String label() {
      return label;
    }
  }

  private DerivedEventId() {}

  /**
   * The id of the {@code kind} event answering the event with header {@code source}. Topologies that
   * run at-least-once may process a source again after a crash; the same id makes the replayed
   * answer the same event to every consumer that is idempotent by event id.
   */
  public static String of(Kind kind, EventHeader source) {
    return of(kind, source.getEventId(), source.getTimestamp()).toString();
  }

  /**
   * The id of the {@code kind} event answering {@code sourceEventId}. Its time prefix is the
   * source's, so derived ids sort with their sources; a source id that is not a UUIDv7 (none should
   * be) takes the prefix from {@code sourceTime} instead, which is as deterministic.
   */
  public static UUID of(Kind kind, String sourceEventId, Instant sourceTime) {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(sourceEventId, "sourceEventId");
    byte[] hash = Sha256.digest((kind.label() + ":" + sourceEventId).getBytes(StandardCharsets.UTF_8));
    ByteBuffer bits = ByteBuffer.wrap(hash);
    long randA = bits.getShort() & RAND_A_MASK;
    long randB = bits.getLong() & RAND_B_MASK;
    long msb = (millisOf(sourceEventId, sourceTime) << 16) | VERSION_7 | randA;
    return new UUID(msb, VARIANT_RFC_4122 | randB);
  }

  /** The 48-bit millisecond prefix of {@code eventId} if it is a UUIDv7, else of {@code fallback}. */
  static long millisOf(String eventId, Instant fallback) {
    try {
      UUID id = UUID.fromString(eventId);
      if (id.version() == 7 && id.variant() == 2) {
        return id.getMostSignificantBits() >>> 16;
      }
    } catch (IllegalArgumentException notAUuid) {
      // falls back to the source's time below
    }
    Objects.requireNonNull(fallback, "sourceTime");
    return Math.clamp(fallback.toEpochMilli(), 0L, MAX_MILLIS);
  }
}
