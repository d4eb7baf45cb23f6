package dev.witness.streams.checkpoint;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.MerkleTree;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.streams.ledger.ChainHead;
import dev.witness.streams.ledger.LedgerChain;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Real ledger chains, built with the ledger's own append, for the checkpoint tests. */
final class LedgerChains {

  static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

  private LedgerChains() {}

  /** Entries {@code from .. from + count - 1} of the chain of {@code partition}. */
  static List<LedgerEntry> chain(int partition, int count) {
    List<LedgerEntry> entries = new ArrayList<>();
    ChainHead head = ChainHead.genesis();
    for (int i = 0; i < count; i++) {
      LedgerChain.Appended appended = LedgerChain.append(head, partition,
          TestEvents.http("s-" + partition, i, "GET", "/" + i, 0), AT);
      entries.add(appended.entry());
      head = appended.head();
    }
    return entries;
  }

  static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }

  static List<byte[]> hashes(List<LedgerEntry> entries) {
    return entries.stream().map(e -> bytes(e.getHash())).toList();
  }

  /** The root a checkpoint must state for the first {@code size} entries of {@code chain}. */
  static PartitionRoot rootOf(List<LedgerEntry> chain, int size) {
    List<byte[]> hashes = hashes(chain.subList(0, size));
    return new PartitionRoot(chain.get(0).getPartition(), size, hashes.getLast(), MerkleTree.root(hashes));
  }
}
