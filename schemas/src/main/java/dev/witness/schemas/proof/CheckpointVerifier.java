package dev.witness.schemas.proof;

import dev.witness.schemas.event.Checkpoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Checks a checkpoint on its own: a trusted key signed it, every head states a root, and its
 * tree size and root hash are what its heads give ({@link CheckpointTree}).
 */
public final class CheckpointVerifier {

  private CheckpointVerifier() {}

  /** Why {@code checkpoint} cannot be trusted, or empty if it can. */
  public static Optional<String> problem(Checkpoint checkpoint, TrustedKeys keys) {
    String id = "checkpoint " + checkpoint.getCheckpointId();
    if (keys.find(checkpoint.getKeyId()).isEmpty()) {
      return Optional.of(id + ": signed with key " + checkpoint.getKeyId() + ", which is not among the trusted keys "
          + keys.keyIds());
    }
    if (!CheckpointSignature.verify(checkpoint, keys)) {
      return Optional.of(id + ": the signature does not verify (the checkpoint was altered or signed by another key)");
    }
    List<PartitionRoot> partitions;
    try {
      partitions = partitions(checkpoint);
      if (!Arrays.equals(CheckpointTree.root(partitions), PartitionRoot.bytes(checkpoint.getRootHash()))) {
        return Optional.of(id + ": rootHash is not the Merkle root over its heads");
      }
    } catch (IllegalArgumentException e) {
      return Optional.of(id + ": " + e.getMessage());
    }
    long size = partitions.stream().mapToLong(PartitionRoot::size).sum();
    if (size != checkpoint.getTreeSize()) {
      return Optional.of(id + ": treeSize " + checkpoint.getTreeSize() + " where its heads cover " + size + " entries");
    }
    return Optional.empty();
  }

  /**
   * The partition roots stated by {@code checkpoint}'s heads.
   *
   * @throws IllegalArgumentException if a head has no root or a malformed hash
   */
  public static List<PartitionRoot> partitions(Checkpoint checkpoint) {
    List<PartitionRoot> partitions = new ArrayList<>(checkpoint.getHeads().size());
    checkpoint.getHeads().forEach(head -> partitions.add(PartitionRoot.of(head)));
    return partitions;
  }
}
