package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

  private static final HexFormat HEX = HexFormat.of();

  /** The leaves of the RFC 6962 reference implementation's tests (certificate-transparency, merkle_tree_test). */
  static final List<byte[]> REFERENCE_LEAVES = List.of("", "00", "10", "2021", "3031", "40414243",
      "5051525354555657", "606162636465666768696a6b6c6d6e6f").stream().map(HEX::parseHex).toList();

  /** Roots of the first 1..8 reference leaves. */
  static final List<String> REFERENCE_ROOTS = List.of(
      "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
      "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
      "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
      "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
      "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
      "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
      "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
      "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  @Test
  void theEmptyTreeHasTheHashOfNothing() {
    assertThat(HEX.formatHex(MerkleTree.root(List.of())))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  @Test
  void rootsMatchTheReferenceImplementation() {
    for (int n = 1; n <= REFERENCE_LEAVES.size(); n++) {
      assertThat(HEX.formatHex(MerkleTree.root(REFERENCE_LEAVES.subList(0, n)))).as("root of %d leaves", n)
          .isEqualTo(REFERENCE_ROOTS.get(n - 1));
    }
  }

  @Test
  void leafAndNodeHashesAreDomainSeparated() {
    byte[] left = new byte[32];
    byte[] right = new byte[32];
    byte[] concatenated = new byte[64];

    assertThat(MerkleTree.nodeHash(left, right)).isNotEqualTo(MerkleTree.leafHash(concatenated));
  }

  @Test
  void everyLeafOfTheReferenceTreeIsProvenAndNoOtherLeafIs() {
    byte[] root = HEX.parseHex(REFERENCE_ROOTS.get(6));
    List<byte[]> leaves = REFERENCE_LEAVES.subList(0, 7);
    for (int i = 0; i < leaves.size(); i++) {
      List<byte[]> path = MerkleTree.inclusionPath(leaves, i);

      assertThat(MerkleTree.verifyInclusion(leaves.get(i), i, 7, path, root)).as("leaf %d", i).isTrue();
      assertThat(MerkleTree.verifyInclusion(leaves.get((i + 1) % 7), i, 7, path, root)).isFalse();
    }
    // The size shapes the right edge: the last leaf's path of 7 leaves is no path in 8.
    assertThat(MerkleTree.verifyInclusion(leaves.get(6), 6, 8, MerkleTree.inclusionPath(leaves, 6), root)).isFalse();
  }

  @Test
  void theSingleLeafTreeHasAnEmptyPath() {
    assertThat(MerkleTree.inclusionPath(REFERENCE_LEAVES.subList(0, 1), 0)).isEmpty();
    assertThat(MerkleTree.verifyInclusion(REFERENCE_LEAVES.get(0), 0, 1, List.of(),
        HEX.parseHex(REFERENCE_ROOTS.get(0)))).isTrue();
  }

  @Test
  void aPathOfTheWrongLengthIsRejected() {
    List<byte[]> leaves = REFERENCE_LEAVES.subList(0, 5);
    List<byte[]> path = new ArrayList<>(MerkleTree.inclusionPath(leaves, 2));
    byte[] root = MerkleTree.root(leaves);

    path.add(new byte[32]);
    assertThat(MerkleTree.verifyInclusion(leaves.get(2), 2, 5, path, root)).isFalse();
    assertThatThrownBy(() -> MerkleTree.rootFromPath(leaves.get(2), 2, 5, path))
        .hasMessageContaining("longer");
    assertThatThrownBy(() -> MerkleTree.rootFromPath(leaves.get(2), 2, 5, path.subList(0, 1)))
        .hasMessageContaining("shorter");
  }

  @Test
  void anIndexOutsideTheTreeIsRejected() {
    assertThatThrownBy(() -> MerkleTree.inclusionPath(REFERENCE_LEAVES, 8)).hasMessageContaining("outside");
    assertThat(MerkleTree.verifyInclusion(REFERENCE_LEAVES.get(0), -1, 8, List.of(), new byte[32])).isFalse();
  }

  @Test
  void tooFewLeavesForTheStatedSizeAreRejected() {
    assertThatThrownBy(() -> MerkleTree.inclusionPath(REFERENCE_LEAVES.iterator(), 9, 0))
        .hasMessageContaining("only 8 leaves");
  }
}
