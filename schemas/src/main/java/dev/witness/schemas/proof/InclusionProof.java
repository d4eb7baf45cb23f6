package dev.witness.schemas.proof;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Proof that one ledger entry is covered by a checkpoint, in two legs: the audit path from the
 * entry's hash (leaf {@code entrySequence}) to its partition's root, then the audit path from
 * that partition's leaf ({@link PartitionRoot#leafBytes()}) to the checkpoint's {@code rootHash}.
 * Checking it needs the entry's hash and the signed root only.
 *
 * @param partition ledger partition of the entry
 * @param entrySequence the entry's sequence, its leaf index in the partition tree
 * @param partitionSize entries of the partition the checkpoint covers
 * @param partitionLastEntryHash hash of the last of them, part of the partition's leaf
 * @param partitionPath audit path in the partition tree, nearest sibling first
 * @param partitionIndex position of the partition's leaf in the checkpoint tree
 * @param partitionCount leaves of the checkpoint tree (partitions covered)
 * @param checkpointPath audit path in the checkpoint tree, nearest sibling first
 */
public record InclusionProof(
    int partition,
    long entrySequence,
    long partitionSize,
    byte[] partitionLastEntryHash,
    List<byte[]> partitionPath,
    int partitionIndex,
    int partitionCount,
    List<byte[]> checkpointPath) {

  public InclusionProof {
    partitionLastEntryHash = PartitionRoot.checkedHash("partitionLastEntryHash", partitionLastEntryHash);
    partitionPath = copy("partitionPath", partitionPath);
    checkpointPath = copy("checkpointPath", checkpointPath);
  }

  /**
   * The proof for entry {@code entrySequence} of {@code partition} in the checkpoint stating
   * {@code partitions}.
   *
   * @param entryHashes the partition's entry hashes from sequence 0, at least as many as the
   *     checkpoint covers; read once, in order (see {@link MerkleTree#inclusionPath(Iterator, long, long)})
   * @throws IllegalArgumentException if the checkpoint does not cover the entry
   */
  public static InclusionProof of(
      Iterator<byte[]> entryHashes, long entrySequence, List<PartitionRoot> partitions, int partition) {
    int index = CheckpointTree.leafIndex(partitions, partition);
    if (index < 0) {
      throw new IllegalArgumentException("the checkpoint covers no entry of partition " + partition);
    }
    PartitionRoot covered = partitions.get(index);
    if (entrySequence < 0 || entrySequence >= covered.size()) {
      throw new IllegalArgumentException("the checkpoint covers entries 0.." + (covered.size() - 1)
          + " of partition " + partition + ", not entry " + entrySequence);
    }
    List<byte[]> partitionPath = MerkleTree.inclusionPath(entryHashes, covered.size(), entrySequence);
    return new InclusionProof(partition, entrySequence, covered.size(), covered.lastEntryHash(), partitionPath,
        index, partitions.size(), CheckpointTree.path(partitions, partition));
  }

  /**
   * The proofs of several entries of {@code partition}, computed in one pass over the partition's
   * tree ({@link MerkleTree#inclusionPaths}); each equals {@link #of(List, long, List, int)} of it.
   *
   * @param entryHashes the partition's entry hashes from sequence 0, exactly as many as the checkpoint covers
   * @throws IllegalArgumentException if the checkpoint does not cover an entry
   */
  public static java.util.Map<Long, InclusionProof> ofAll(
      List<byte[]> entryHashes, java.util.SortedSet<Long> entrySequences, List<PartitionRoot> partitions,
      int partition) {
    int index = CheckpointTree.leafIndex(partitions, partition);
    if (index < 0) {
      throw new IllegalArgumentException("the checkpoint covers no entry of partition " + partition);
    }
    PartitionRoot covered = partitions.get(index);
    if (entryHashes.size() != covered.size()) {
      throw new IllegalArgumentException("the checkpoint covers " + covered.size() + " entries of partition "
          + partition + ", but " + entryHashes.size() + " hashes were given");
    }
    List<byte[]> checkpointPath = CheckpointTree.path(partitions, partition);
    java.util.Map<Long, InclusionProof> proofs = new java.util.LinkedHashMap<>();
    MerkleTree.inclusionPaths(entryHashes, entrySequences).forEach((sequence, path) -> proofs.put(sequence,
        new InclusionProof(partition, sequence, covered.size(), covered.lastEntryHash(), path, index,
            partitions.size(), checkpointPath)));
    return proofs;
  }

  /** As {@link #of(Iterator, long, List, int)}, with the entry hashes in a list. */
  public static InclusionProof of(
      List<byte[]> entryHashes, long entrySequence, List<PartitionRoot> partitions, int partition) {
    return of(entryHashes.iterator(), entrySequence, partitions, partition);
  }

  /**
   * The partition root this proof leads to from {@code entryHash}.
   *
   * @throws IllegalArgumentException if the path does not fit the stated sizes
   */
  public byte[] partitionRootFor(byte[] entryHash) {
    return MerkleTree.rootFromPath(entryHash, entrySequence, partitionSize, partitionPath);
  }

  /**
   * The checkpoint root this proof leads to from {@code entryHash}.
   *
   * @throws IllegalArgumentException if a path does not fit the stated sizes
   */
  public byte[] checkpointRootFor(byte[] entryHash) {
    PartitionRoot leaf = new PartitionRoot(partition, partitionSize, partitionLastEntryHash, partitionRootFor(entryHash));
    return MerkleTree.rootFromPath(leaf.leafBytes(), partitionIndex, partitionCount, checkpointPath);
  }

  /** Whether this proves that the entry with {@code entryHash} is covered by the checkpoint with {@code checkpointRoot}. */
  public boolean verifies(byte[] entryHash, byte[] checkpointRoot) {
    if (entrySequence == partitionSize - 1 && !Arrays.equals(entryHash, partitionLastEntryHash)) {
      return false;
    }
    try {
      return Arrays.equals(checkpointRootFor(entryHash), checkpointRoot);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }

  @Override
  public byte[] partitionLastEntryHash() {
    return partitionLastEntryHash.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InclusionProof other
        && partition == other.partition && entrySequence == other.entrySequence
        && partitionSize == other.partitionSize && partitionIndex == other.partitionIndex
        && partitionCount == other.partitionCount
        && Arrays.equals(partitionLastEntryHash, other.partitionLastEntryHash)
        && sameHashes(partitionPath, other.partitionPath) && sameHashes(checkpointPath, other.checkpointPath);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * partition + Long.hashCode(entrySequence)) + Arrays.hashCode(partitionLastEntryHash);
  }

  @Override
  public String toString() {
    return "InclusionProof[partition=" + partition + ", entrySequence=" + entrySequence + ", partitionSize="
        + partitionSize + ", partitionPath=" + partitionPath.size() + " hashes, partitionIndex=" + partitionIndex
        + ", partitionCount=" + partitionCount + ", checkpointPath=" + checkpointPath.size() + " hashes]";
  }

  private static List<byte[]> copy(String field, List<byte[]> path) {
    if (path == null) {
      throw new IllegalArgumentException(field + " is missing");
    }
    return path.stream().map(hash -> PartitionRoot.checkedHash(field + " element", hash)).toList();
  }

  private static boolean sameHashes(List<byte[]> a, List<byte[]> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!Arrays.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }
}
