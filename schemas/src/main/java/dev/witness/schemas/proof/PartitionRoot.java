package dev.witness.schemas.proof;

import dev.witness.schemas.event.PartitionHead;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * What a checkpoint states about one ledger partition: how many entries of its chain it covers,
 * the hash of the last one, and the RFC 6962 root over the hashes of all of them (leaf {@code i}
 * is entry {@code i}'s hash). It is a leaf of the checkpoint's own tree ({@link CheckpointTree}).
 *
 * @param partition ledger partition
 * @param size entries covered, from sequence 0; at least 1
 * @param lastEntryHash hash of entry {@code size - 1}
 * @param root Merkle root over the hashes of entries {@code 0 .. size - 1}
 */
public record PartitionRoot(int partition, long size, byte[] lastEntryHash, byte[] root) {

  /** Length of {@link #leafBytes()}. */
  public static final int LEAF_BYTES = Integer.BYTES + Long.BYTES + 2 * Sha256.SIZE;

  public PartitionRoot {
    if (partition < 0) {
      throw new IllegalArgumentException("partition must not be negative: " + partition);
    }
    if (size < 1) {
      throw new IllegalArgumentException("a partition root covers at least one entry, got size " + size);
    }
    lastEntryHash = checkedHash("lastEntryHash", lastEntryHash);
    root = checkedHash("root", root);
  }

  /**
   * The root stated by a checkpoint's head.
   *
   * @throws IllegalArgumentException if the head has no root or malformed hashes
   */
  public static PartitionRoot of(PartitionHead head) {
    if (head.getRoot() == null) {
      throw new IllegalArgumentException("the head of partition " + head.getPartition() + " has no Merkle root");
    }
    return new PartitionRoot(head.getPartition(), head.getEntrySequence() + 1,
        bytes(head.getHash()), bytes(head.getRoot()));
  }

  /** The checkpoint head stating this root. */
  public PartitionHead toHead() {
    return PartitionHead.newBuilder()
        .setPartition(partition)
        .setEntrySequence(size - 1)
        .setHash(ByteBuffer.wrap(lastEntryHash.clone()))
        .setRoot(ByteBuffer.wrap(root.clone()))
        .build();
  }

  /** The leaf data in the checkpoint tree: partition (int32), size (int64), last entry hash, root; big-endian. */
  public byte[] leafBytes() {
    return ByteBuffer.allocate(LEAF_BYTES).putInt(partition).putLong(size).put(lastEntryHash).put(root).array();
  }

  @Override
  public byte[] lastEntryHash() {
    return lastEntryHash.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PartitionRoot other && partition == other.partition && size == other.size
        && Arrays.equals(lastEntryHash, other.lastEntryHash) && Arrays.equals(root, other.root);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * partition + Long.hashCode(size)) + Arrays.hashCode(root);
  }

  @Override
  public String toString() {
    return "PartitionRoot[partition=" + partition + ", size=" + size + ", root=" + HexFormat.of().formatHex(root) + "]";
  }

  static byte[] checkedHash(String field, byte[] hash) {
    if (hash == null || hash.length != Sha256.SIZE) {
      throw new IllegalArgumentException(field + " must be " + Sha256.SIZE + " bytes, got "
          + (hash == null ? "none" : hash.length + " bytes"));
    }
    return hash.clone();
  }

  static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
