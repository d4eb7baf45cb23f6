package dev.witness.schemas.proof;

import dev.witness.schemas.event.LedgerEntry;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Verifies one ledger partition's hash chain entry by entry: sequences run on without gaps,
 * each {@code previousHash} is the hash of the entry before (32 zero bytes before the first),
 * and each {@code hash = SHA-256(previousHash || canonical bytes of the event)}. Feed it entries
 * in order; it stops at the first break and says where and why. Holds one hash, so it verifies
 * chains of any length in constant memory. Not thread-safe.
 */
public final class ChainVerifier {

  private long nextSequence;
  private byte[] lastHash;
  private long verified;
  private int partition = -1;
  private ChainVerification broken;

  private ChainVerifier(long nextSequence, byte[] lastHash) {
    if (nextSequence < 0) {
      throw new IllegalArgumentException("nextSequence must not be negative: " + nextSequence);
    }
    this.nextSequence = nextSequence;
    this.lastHash = PartitionRoot.checkedHash("lastHash", lastHash);
  }

  /** A verifier of a chain from its first entry (sequence 0). */
  public static ChainVerifier fromGenesis() {
    return new ChainVerifier(0, new byte[Sha256.SIZE]);
  }

  /** A verifier of a chain that continues after a known head: the next entry has {@code nextSequence} and links to {@code lastHash}. */
  public static ChainVerifier continuing(long nextSequence, byte[] lastHash) {
    return new ChainVerifier(nextSequence, lastHash);
  }

  /** The hash of a link: SHA-256 of {@code previousHash} followed by {@code canonicalEvent}. */
  public static byte[] entryHash(byte[] previousHash, byte[] canonicalEvent) {
    return Sha256.digest(previousHash, canonicalEvent);
  }

  /** Verifies entries of one partition that start the chain (sequence 0). */
  public static ChainVerification verify(List<LedgerEntry> entries) {
    return verify(fromGenesis(), entries);
  }

  /** Feeds {@code entries} to {@code verifier} and returns its result. */
  public static ChainVerification verify(ChainVerifier verifier, List<LedgerEntry> entries) {
    for (LedgerEntry entry : entries) {
      if (!verifier.accept(entry)) {
        break;
      }
    }
    return verifier.result();
  }

  /**
   * Checks the next entry, re-encoding its event with {@link CanonicalEncoding#encode} and
   * requiring the partition of the first entry.
   *
   * @return whether the chain is still intact
   */
  public boolean accept(LedgerEntry entry) {
    if (broken != null) {
      return false;
    }
    if (partition < 0) {
      partition = entry.getPartition();
    } else if (entry.getPartition() != partition) {
      return breakHere("partition " + entry.getPartition() + " differs from the chain's partition " + partition);
    }
    return accept(entry.getEntrySequence(), PartitionRoot.bytes(entry.getPreviousHash()),
        PartitionRoot.bytes(entry.getHash()), CanonicalEncoding.encode((SpecificRecord) entry.getEvent()));
  }

  /**
   * Checks the next entry from its fields and the canonical bytes of its event.
   *
   * @return whether the chain is still intact
   */
  public boolean accept(long entrySequence, byte[] previousHash, byte[] hash, byte[] canonicalEvent) {
    if (broken != null) {
      return false;
    }
    if (entrySequence != nextSequence) {
      return breakHere("sequence " + entrySequence + " where " + nextSequence
          + " was expected (an entry is missing, duplicated or out of order)");
    }
    if (!Arrays.equals(previousHash, lastHash)) {
      return breakHere("previousHash is not the hash of the entry before it");
    }
    if (!Arrays.equals(hash, entryHash(previousHash, canonicalEvent))) {
      return breakHere("hash does not match the event (the event or the hash was altered)");
    }
    nextSequence++;
    lastHash = hash.clone();
    verified++;
    return true;
  }

  /** The sequence the next entry must have. */
  public long nextSequence() {
    return nextSequence;
  }

  /** The hash of the last intact entry (or of the known head). */
  public byte[] lastHash() {
    return lastHash.clone();
  }

  /** How far the chain is intact, and the first problem if any. */
  public ChainVerification result() {
    return broken != null ? broken : ChainVerification.intact(verified);
  }

  private boolean breakHere(String problem) {
    broken = ChainVerification.brokenAt(verified, problem);
    return false;
  }
}
