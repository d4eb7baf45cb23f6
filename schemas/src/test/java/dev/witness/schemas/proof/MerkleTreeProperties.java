package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class MerkleTreeProperties {

  /** RFC 6962 section 2.1, MTH, written as the recursion it is defined by. */
  static byte[] referenceRoot(List<byte[]> leaves) {
    if (leaves.isEmpty()) {
      return Sha256.digest();
    }
    if (leaves.size() == 1) {
      return Sha256.digest(new byte[] {0}, leaves.get(0));
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    return Sha256.digest(new byte[] {1}, referenceRoot(leaves.subList(0, k)),
        referenceRoot(leaves.subList(k, leaves.size())));
  }

  /** RFC 6962 section 2.1.1, PATH, as defined. */
  static List<byte[]> referencePath(int m, List<byte[]> leaves) {
    if (leaves.size() <= 1) {
      return List.of();
    }
    int k = Integer.highestOneBit(leaves.size() - 1);
    List<byte[]> path = new ArrayList<>();
    if (m < k) {
      path.addAll(referencePath(m, leaves.subList(0, k)));
      path.add(referenceRoot(leaves.subList(k, leaves.size())));
    } else {
      path.addAll(referencePath(m - k, leaves.subList(k, leaves.size())));
      path.add(referenceRoot(leaves.subList(0, k)));
    }
    return path;
  }

  static List<byte[]> leaves(int n, long seed) {
    List<byte[]> leaves = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      leaves.add(Sha256.digest(Long.toString(seed + i).getBytes()));
    }
    return leaves;
  }

  @Property(tries = 300)
  void theRootIsTheDefinedOne(@ForAll @IntRange(min = 0, max = 300) int n, @ForAll long seed) {
    List<byte[]> leaves = leaves(n, seed);

    assertThat(MerkleTree.root(leaves)).isEqualTo(referenceRoot(leaves));
  }

  @Property(tries = 300)
  void theStreamedPathIsTheDefinedOneAndVerifies(
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 299) int index, @ForAll long seed) {
    int m = index % n;
    List<byte[]> leaves = leaves(n, seed);

    List<byte[]> path = MerkleTree.inclusionPath(leaves, m);

    assertThat(path).usingElementComparator(Arrays::compare).containsExactlyElementsOf(referencePath(m, leaves));
    assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, path, referenceRoot(leaves))).isTrue();
  }

  @Property(tries = 300)
  void anAlteredPathOrLeafOrIndexDoesNotVerify(
      @ForAll @IntRange(min = 2, max = 200) int n, @ForAll @IntRange(min = 0, max = 199) int index,
      @ForAll @IntRange(min = 0, max = 63) int element, @ForAll long seed) {
    int m = index % n;
    List<byte[]> leaves = leaves(n, seed);
    byte[] root = MerkleTree.root(leaves);
    List<byte[]> path = new ArrayList<>(MerkleTree.inclusionPath(leaves, m));
    byte[] altered = path.get(element % path.size()).clone();
    altered[0] ^= 1;
    List<byte[]> tampered = new ArrayList<>(path);
    tampered.set(element % path.size(), altered);

    assertThat(MerkleTree.verifyInclusion(leaves.get(m), m, n, tampered, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaves.get((m + 1) % n), m, n, path, root)).isFalse();
    assertThat(MerkleTree.verifyInclusion(leaves.get(m), (m + 1) % n, n, path, root)).isFalse();
  }

  @Property(tries = 200)
  void theFrontierKeepsTheRootOfEveryPrefixAndSurvivesStorage(@ForAll @IntRange(min = 0, max = 200) int n, @ForAll long seed) {
    List<byte[]> leaves = leaves(n, seed);
    MerkleFrontier frontier = new MerkleFrontier();
    for (int i = 0; i < n; i++) {
      frontier = MerkleFrontier.fromBytes(frontier.toBytes());
      frontier.append(leaves.get(i));
      assertThat(frontier.size()).isEqualTo(i + 1);
      assertThat(frontier.root()).isEqualTo(referenceRoot(leaves.subList(0, i + 1)));
    }
    assertThat(frontier.toBytes()).hasSize(9 + Long.bitCount(n) * 32);
  }

  @Property(tries = 200)
  void manyPathsInOnePassAreEachTheDefinedOne(@ForAll @IntRange(min = 1, max = 300) int n, @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 40) int picks) {
    List<byte[]> leaves = leaves(n, seed);
    java.util.SortedSet<Long> indices = new java.util.TreeSet<>();
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < picks; i++) {
      indices.add((long) random.nextInt(n));
    }
    indices.add((long) n - 1);
    java.util.Map<Long, List<byte[]>> paths = MerkleTree.inclusionPaths(leaves, indices);
    assertThat(paths.keySet()).containsExactlyElementsOf(indices);
    paths.forEach((index, path) -> {
      List<byte[]> expected = referencePath(Math.toIntExact(index), leaves);
      assertThat(path).hasSameSizeAs(expected);
      for (int i = 0; i < path.size(); i++) {
        assertThat(path.get(i)).isEqualTo(expected.get(i));
      }
    });
  }
}
