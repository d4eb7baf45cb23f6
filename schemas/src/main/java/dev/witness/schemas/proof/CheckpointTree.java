package dev.witness.schemas.proof;

import java.util.ArrayList;
import java.util.List;

/**
 * The tree a checkpoint signs: an RFC 6962 Merkle tree whose leaves are the
 * {@link PartitionRoot#leafBytes() partition roots} in ascending partition order. Its root is the
 * checkpoint's {@code rootHash}; so the root commits to every partition's size, head and tree.
 */
public final class CheckpointTree {

  private CheckpointTree() {}

  /**
   * The root over {@code partitions}.
   *
   * @throws IllegalArgumentException if they are empty or not in strictly ascending partition order
   */
  public static byte[] root(List<PartitionRoot> partitions) {
    return MerkleTree.root(leaves(partitions));
  }

  /** The position of {@code partition}'s leaf, or -1 if the checkpoint does not cover it. */
  public static int leafIndex(List<PartitionRoot> partitions, int partition) {
    for (int i = 0; i < partitions.size(); i++) {
      if (partitions.get(i).partition() == partition) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The audit path of {@code partition}'s leaf.
   *
   * @throws IllegalArgumentException if the checkpoint does not cover {@code partition}
   */
  public static List<byte[]> path(List<PartitionRoot> partitions, int partition) {
    int index = leafIndex(partitions, partition);
    if (index < 0) {
      throw new IllegalArgumentException("the checkpoint covers no entry of partition " + partition);
    }
    return MerkleTree.inclusionPath(leaves(partitions), index);
  }

  /** The leaf data, after checking the order. */
  static List<byte[]> leaves(List<PartitionRoot> partitions) {
    if (partitions.isEmpty()) {
      throw new IllegalArgumentException("a checkpoint covers at least one partition");
    }
    List<byte[]> leaves = new ArrayList<>(partitions.size());
    int previous = -1;
    for (PartitionRoot p : partitions) {
      if (p.partition() <= previous) {
        throw new IllegalArgumentException("partition roots must be in strictly ascending partition order; "
            + p.partition() + " follows " + previous);
      }
      previous = p.partition();
      leaves.add(p.leafBytes());
    }
    return leaves;
  }
}
