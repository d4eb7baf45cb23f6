package dev.witness.schemas.proof;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 6962 Merkle tree kept in compact form: only the roots of its perfect
 * subtrees (one per set bit of the size, largest first), at most 64 hashes however many leaves
 * it has. Appending hashes one leaf plus one node per subtree it completes, about two digests per
 * leaf on average; the root folds the subtrees from the right. Small enough for a state store.
 * Not thread-safe.
 */
public final class MerkleFrontier {

  private static final byte VERSION = 1;
  private static final int HEADER = 1 + Long.BYTES;

  private long size;
  private final List<byte[]> subtrees;

  /** An empty tree. */
  public MerkleFrontier() {
    this(0, new ArrayList<>());
  }

  private MerkleFrontier(long size, List<byte[]> subtrees) {
    this.size = size;
    this.subtrees = subtrees;
  }

  /** Appends a leaf holding {@code data} (for the ledger: an entry's hash). */
  public void append(byte[] data) {
    byte[] hash = MerkleTree.leafHash(data);
    // Each trailing 1 bit of the old size is a subtree of the new leaf's size that it now completes.
    for (long n = size; (n & 1) == 1; n >>>= 1) {
      hash = MerkleTree.nodeHash(subtrees.removeLast(), hash);
    }
    subtrees.add(hash);
    size++;
  }

  /** How many leaves the tree has. */
  public long size() {
    return size;
  }

  /** The root of the tree as it stands. */
  public byte[] root() {
    if (subtrees.isEmpty()) {
      return MerkleTree.emptyRoot();
    }
    byte[] root = subtrees.getLast();
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      root = MerkleTree.nodeHash(subtrees.get(i), root);
    }
    return root.clone();
  }

  /** An independent copy. */
  public MerkleFrontier copy() {
    return new MerkleFrontier(size, new ArrayList<>(subtrees));
  }

  /** The stored form: a version byte (1), the size (int64) and the subtree roots, largest first. */
  public byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(HEADER + subtrees.size() * Sha256.SIZE).put(VERSION).putLong(size);
    subtrees.forEach(out::put);
    return out.array();
  }

  /**
   * Reads the form written by {@link #toBytes()}.
   *
   * @throws IllegalArgumentException if {@code bytes} are not a frontier
   */
  public static MerkleFrontier fromBytes(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != VERSION) {
      throw new IllegalArgumentException("not a Merkle frontier (version " + VERSION + "): " + bytes.length + " bytes");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 1, bytes.length - 1);
    long size = in.getLong();
    int count = Long.bitCount(size);
    if (size < 0 || bytes.length != HEADER + count * Sha256.SIZE) {
      throw new IllegalArgumentException("not a Merkle frontier: size " + size + " needs " + count
          + " subtree hashes, got " + (bytes.length - HEADER) + " bytes");
    }
    List<byte[]> subtrees = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] hash = new byte[Sha256.SIZE];
      in.get(hash);
      subtrees.add(hash);
    }
    return new MerkleFrontier(size, subtrees);
  }
}
