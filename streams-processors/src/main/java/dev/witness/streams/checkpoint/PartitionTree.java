package dev.witness.streams.checkpoint;

import dev.witness.schemas.proof.MerkleFrontier;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.Sha256;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One ledger partition as the checkpointer follows it: the compact Merkle tree over its entry
 * hashes, the hash of the last entry, and how far its root was last reported. It checks that each
 * entry links to the one before (sequence and {@code previousHash}); it does not recompute entry
 * hashes from events, which is the verifier's work on the exact recorded bytes. Not thread-safe.
 */
final class PartitionTree {

  private final int partition;
  private final MerkleFrontier frontier;
  private byte[] lastHash;
  private long reportedSize;

  PartitionTree(int partition, MerkleFrontier frontier, byte[] lastHash, long reportedSize) {
    if (lastHash.length != Sha256.SIZE) {
      throw new IllegalArgumentException("lastHash must be " + Sha256.SIZE + " bytes, got " + lastHash.length);
    }
    if (reportedSize < 0 || reportedSize > frontier.size()) {
      throw new IllegalArgumentException("reportedSize " + reportedSize + " is outside 0.." + frontier.size());
    }
    this.partition = partition;
    this.frontier = frontier;
    this.lastHash = lastHash.clone();
    this.reportedSize = reportedSize;
  }

  /** A partition with no entries yet. */
  static PartitionTree empty(int partition) {
    return new PartitionTree(partition, new MerkleFrontier(), new byte[Sha256.SIZE], 0);
  }

  /**
   * Adds the next entry of the chain.
   *
   * @return false if the entry is already in the tree (a second delivery), true if it was added
   * @throws IllegalStateException if the entry does not continue the chain: a checkpoint must
   *     never sign a broken one
   */
  boolean append(long entrySequence, byte[] previousHash, byte[] hash) {
    long size = frontier.size();
    if (entrySequence < size) {
      return false;
    }
    if (entrySequence > size) {
      throw new IllegalStateException("ledger partition " + partition + " skips from entry " + (size - 1) + " to "
          + entrySequence + "; checkpoints stop until the chain is repaired");
    }
    if (!Arrays.equals(previousHash, lastHash)) {
      throw new IllegalStateException("ledger partition " + partition + " entry " + entrySequence
          + " does not link to the hash of entry " + (size - 1) + " (" + HexFormat.of().formatHex(lastHash)
          + "); checkpoints stop until the chain is repaired");
    }
    if (hash.length != Sha256.SIZE) {
      throw new IllegalStateException("ledger partition " + partition + " entry " + entrySequence + " has a hash of "
          + hash.length + " bytes");
    }
    frontier.append(hash);
    lastHash = hash.clone();
    return true;
  }

  /** Whether at least {@code everyEntries} entries were added since the last report. */
  boolean reportDue(long everyEntries) {
    return frontier.size() - reportedSize >= everyEntries;
  }

  /** Whether any entry was added since the last report. */
  boolean advanced() {
    return frontier.size() > reportedSize;
  }

  /** The root as it stands now, remembered as reported; requires at least one entry. */
  PartitionRoot report() {
    reportedSize = frontier.size();
    return new PartitionRoot(partition, frontier.size(), lastHash, frontier.root());
  }

  int partition() {
    return partition;
  }

  long size() {
    return frontier.size();
  }

  long reportedSize() {
    return reportedSize;
  }

  byte[] lastHash() {
    return lastHash.clone();
  }

  MerkleFrontier frontier() {
    return frontier.copy();
  }
}
