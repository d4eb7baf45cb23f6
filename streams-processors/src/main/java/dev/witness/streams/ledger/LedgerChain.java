package dev.witness.streams.ledger;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.CanonicalEncoding;
import dev.witness.schemas.proof.ChainVerification;
import dev.witness.schemas.proof.ChainVerifier;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The per-partition hash chain of the ledger: entry {@code n} has sequence {@code n} and
 * {@code hash = SHA-256(previousHash || canonical bytes of its event)}, {@code previousHash} being
 * the hash of entry {@code n-1} (32 zero bytes for entry 0). Altering, removing, inserting or
 * reordering any entry changes or breaks every later link.
 */
public final class LedgerChain {

  private LedgerChain() {}

  /**
   * An entry appended to a chain, and the chain's new head.
   *
   * @param entry the ledger entry to write
   * @param head the head after it
   */
  public record Appended(LedgerEntry entry, ChainHead head) {}

  /** The hash of a link: SHA-256 of {@code previousHash} followed by {@code canonicalEvent}. */
  public static byte[] hash(byte[] previousHash, byte[] canonicalEvent) {
    return ChainVerifier.entryHash(previousHash, canonicalEvent);
  }

  /** Appends {@code event} to the chain of {@code partition} that stands at {@code head}. */
  public static Appended append(ChainHead head, int partition, SpecificRecord event, Instant recordedAt) {
    ChainLink link = head.append(CanonicalEncoding.encode(event));
    LedgerEntry entry = LedgerEntry.newBuilder()
        .setPartition(partition)
        .setEntrySequence(link.entrySequence())
        .setPreviousHash(ByteBuffer.wrap(link.previousHash()))
        .setHash(ByteBuffer.wrap(link.hash()))
        .setRecordedAt(recordedAt)
        .setEvent(event)
        .build();
    return new Appended(entry, link.next());
  }

  /** Verifies entries of one partition that start the chain (sequence 0). */
  public static ChainVerification verify(List<LedgerEntry> entries) {
    return verify(ChainHead.genesis(), entries);
  }

  /** Verifies entries of one partition that continue the chain at {@code start}. */
  public static ChainVerification verify(ChainHead start, List<LedgerEntry> entries) {
    return ChainVerifier.verify(ChainVerifier.continuing(start.nextSequence(), start.lastHash()), entries);
  }
}
