package dev.witness.evidence.support;

import dev.witness.evidence.document.Formats;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.CheckpointFactory;
import dev.witness.schemas.proof.MerkleTree;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.SigningKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Signed checkpoints over test chains, made with the proof package as the checkpointer makes them. */
public final class Checkpoints {

  private Checkpoints() {}

  /** A checkpoint covering every given entry, per partition from sequence 0, signed by {@code key}. */
  public static Checkpoint over(List<LedgerEntry> entries, Instant createdAt, SigningKey key) {
    Map<Integer, List<byte[]>> hashes = new TreeMap<>();
    for (LedgerEntry e : entries) {
      List<byte[]> partition = hashes.computeIfAbsent(e.getPartition(), p -> new ArrayList<>());
      if (e.getEntrySequence() != partition.size()) {
        throw new IllegalArgumentException("entries must be in chain order from sequence 0");
      }
      partition.add(Formats.bytes(e.getHash()));
    }
    List<PartitionRoot> roots = new ArrayList<>();
    hashes.forEach((p, list) -> roots.add(new PartitionRoot(p, list.size(), list.get(list.size() - 1),
        MerkleTree.root(list))));
    return CheckpointFactory.create(roots, createdAt, key);
  }
}
