package dev.witness.schemas.proof;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Merkle trees hashed as in RFC 6962 (Certificate Transparency, section 2.1): a leaf hashes as
 * {@code SHA-256(0x00 || data)}, an inner node as {@code SHA-256(0x01 || left || right)}, the
 * tree of {@code n > 1} leaves splits at the largest power of two below {@code n}, and the empty
 * tree's root is {@code SHA-256()}. The prefixes keep a leaf from passing for a node. Inclusion
 * proofs are RFC 6962 audit paths, verified with the algorithm of RFC 9162 section 2.1.3.2.
 */
public final class MerkleTree {

  static final byte LEAF_PREFIX = 0x00;
  static final byte NODE_PREFIX = 0x01;

  private MerkleTree() {}

  /** The hash of a leaf holding {@code data}. */
  public static byte[] leafHash(byte[] data) {
    return Sha256.digest(LEAF_PREFIX, data);
  }

  /** The hash of an inner node over two subtree hashes. */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    return Sha256.digest(NODE_PREFIX, left, right);
  }

  /** The root of the empty tree: SHA-256 of no bytes. */
  public static byte[] emptyRoot() {
    return Sha256.digest();
  }

  /** The root of the tree over {@code leaves}, in order. */
  public static byte[] root(List<byte[]> leaves) {
    MerkleFrontier frontier = new MerkleFrontier();
    leaves.forEach(frontier::append);
    return frontier.root();
  }

  /** The audit path of leaf {@code index} in the tree over {@code leaves}, nearest sibling first. */
  public static List<byte[]> inclusionPath(List<byte[]> leaves, long index) {
    return inclusionPath(leaves.iterator(), leaves.size(), index);
  }

  /**
   * The audit path of leaf {@code index} in the tree over the first {@code size} leaves of
   * {@code leaves}, nearest sibling first. Reads the leaves once, in order, and holds only
   * O(log² size) hashes, so a path in a partition of millions of entries can be computed while
   * streaming them from a store.
   *
   * @throws IllegalArgumentException if {@code index} is not below {@code size} or there are fewer leaves
   */
  public static List<byte[]> inclusionPath(Iterator<byte[]> leaves, long size, long index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " is outside a tree of " + size + " leaves");
    }
    // The siblings along the way down from the root, each the subtree over a range of leaves.
    List<long[]> ranges = new ArrayList<>();
    long from = 0;
    long to = size;
    while (to - from > 1) {
      long split = from + Long.highestOneBit(to - from - 1);
      if (index < split) {
        ranges.add(new long[] {split, to});
        to = split;
      } else {
        ranges.add(new long[] {from, split});
        from = split;
      }
    }
    List<long[]> byStart = new ArrayList<>(ranges);
    byStart.sort((a, b) -> Long.compare(a[0], b[0]));
    MerkleFrontier[] subtrees = new MerkleFrontier[byStart.size()];
    int current = -1;
    for (long i = 0; i < size; i++) {
      if (!leaves.hasNext()) {
        throw new IllegalArgumentException("a tree of " + size + " leaves, but only " + i + " leaves were given");
      }
      byte[] leaf = leaves.next();
      if (i == index) {
        continue;
      }
      while (current < 0 || i >= byStart.get(current)[1]) {
        current++;
        subtrees[current] = new MerkleFrontier();
      }
      subtrees[current].append(leaf);
    }
    List<byte[]> path = new ArrayList<>(ranges.size());
    for (long[] range : ranges) {
      path.add(subtrees[byStart.indexOf(range)].root());
    }
    Collections.reverse(path);
    return List.copyOf(path);
  }

  /**
   * The audit paths of several leaves of the tree over {@code leaves}, each nearest sibling first
   * and equal to {@link #inclusionPath(List, long)} of it. Hashes every level of the tree once
   * (building level by level and carrying an unpaired last node up unchanged gives the RFC 6962
   * tree), so {@code k} paths cost one pass over the leaves instead of {@code k}; holds about two
   * hashes per leaf while it runs.
   *
   * @param indices leaf indices, each below {@code leaves.size()}
   * @return the path of each index, by index
   * @throws IllegalArgumentException if an index is outside the tree
   */
  public static java.util.Map<Long, List<byte[]>> inclusionPaths(List<byte[]> leaves, java.util.SortedSet<Long> indices) {
    int size = leaves.size();
    if (!indices.isEmpty() && (indices.first() < 0 || indices.last() >= size)) {
      throw new IllegalArgumentException("leaf indices " + indices.first() + ".." + indices.last()
          + " are not all inside a tree of " + size + " leaves");
    }
    java.util.Map<Long, List<byte[]>> paths = new java.util.LinkedHashMap<>();
    for (long index : indices) {
      paths.put(index, new ArrayList<>());
    }
    if (indices.isEmpty()) {
      return paths;
    }
    byte[][] level = new byte[size][];
    for (int i = 0; i < size; i++) {
      level[i] = leafHash(leaves.get(i));
    }
    long[] positions = indices.stream().mapToLong(Long::longValue).toArray();
    List<List<byte[]>> targets = new ArrayList<>(paths.values());
    while (level.length > 1) {
      for (int k = 0; k < positions.length; k++) {
        long sibling = positions[k] ^ 1;
        if (sibling < level.length) {
          targets.get(k).add(level[(int) sibling]);
        }
        positions[k] >>= 1;
      }
      byte[][] up = new byte[(level.length + 1) / 2][];
      for (int i = 0; i < up.length; i++) {
        int left = 2 * i;
        up[i] = left + 1 < level.length ? nodeHash(level[left], level[left + 1]) : level[left];
      }
      level = up;
    }
    paths.replaceAll((index, path) -> List.copyOf(path));
    return paths;
  }

  /**
   * The root that the audit path {@code path} leads to from leaf {@code index} holding
   * {@code leafData} in a tree of {@code size} leaves (RFC 9162, 2.1.3.2).
   *
   * @throws IllegalArgumentException if the path has the wrong length for that index and size
   */
  public static byte[] rootFromPath(byte[] leafData, long index, long size, List<byte[]> path) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " is outside a tree of " + size + " leaves");
    }
    long fn = index;
    long sn = size - 1;
    byte[] r = leafHash(leafData);
    for (byte[] p : path) {
      if (sn == 0) {
        throw new IllegalArgumentException("the audit path is longer than a tree of " + size + " leaves allows");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw new IllegalArgumentException("the audit path is shorter than a tree of " + size + " leaves needs");
    }
    return r;
  }

  /** Whether {@code path} proves leaf {@code index} holding {@code leafData} in the tree of {@code size} leaves with {@code root}. */
  public static boolean verifyInclusion(byte[] leafData, long index, long size, List<byte[]> path, byte[] root) {
    try {
      return Arrays.equals(rootFromPath(leafData, index, size, path), root);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
  }
}
