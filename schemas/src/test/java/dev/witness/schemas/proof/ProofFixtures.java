package dev.witness.schemas.proof;

import dev.witness.schemas.event.EventExamples;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Chains and partition roots for the proof tests. */
final class ProofFixtures {

  private ProofFixtures() {}

  /** A valid chain of {@code n} requests in {@code partition}. */
  static List<LedgerEntry> chain(int partition, int n) {
    List<LedgerEntry> entries = new ArrayList<>(n);
    byte[] previous = new byte[Sha256.SIZE];
    for (int i = 0; i < n; i++) {
      RequestIntercepted event = RequestIntercepted.newBuilder(EventExamples.httpRequest())
          .setRequestId("r-" + partition + "-" + i).build();
      byte[] hash = ChainVerifier.entryHash(previous, CanonicalEncoding.encode(event));
      entries.add(LedgerEntry.newBuilder()
          .setPartition(partition)
          .setEntrySequence(i)
          .setPreviousHash(ByteBuffer.wrap(previous))
          .setHash(ByteBuffer.wrap(hash))
          .setRecordedAt(EventExamples.AT)
          .setEvent(event)
          .build());
      previous = hash;
    }
    return entries;
  }

  /** The hashes of {@code entries}. */
  static List<byte[]> hashes(List<LedgerEntry> entries) {
    return entries.stream().map(e -> PartitionRoot.bytes(e.getHash())).toList();
  }

  /** Pseudo-random entry hashes, for trees whose events do not matter. */
  static List<byte[]> hashes(int n, long seed) {
    return MerkleTreeProperties.leaves(n, seed);
  }

  /** The root a checkpoint states for a partition with these entry hashes. */
  static PartitionRoot rootOf(int partition, List<byte[]> hashes) {
    return new PartitionRoot(partition, hashes.size(), hashes.getLast(), MerkleTree.root(hashes));
  }
}
