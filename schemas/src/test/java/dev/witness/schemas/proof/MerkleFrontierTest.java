package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MerkleFrontierTest {

  @Test
  void anEmptyFrontierHasTheEmptyRoot() {
    MerkleFrontier empty = new MerkleFrontier();

    assertThat(empty.size()).isZero();
    assertThat(empty.root()).isEqualTo(MerkleTree.emptyRoot());
    assertThat(MerkleFrontier.fromBytes(empty.toBytes()).root()).isEqualTo(MerkleTree.emptyRoot());
  }

  @Test
  void matchesTheReferenceRootsLeafByLeaf() {
    MerkleFrontier frontier = new MerkleFrontier();
    for (int i = 0; i < MerkleTreeTest.REFERENCE_LEAVES.size(); i++) {
      frontier.append(MerkleTreeTest.REFERENCE_LEAVES.get(i));
      assertThat(HexFormat.of().formatHex(frontier.root())).isEqualTo(MerkleTreeTest.REFERENCE_ROOTS.get(i));
    }
  }

  @Test
  void aCopyIsIndependent() {
    MerkleFrontier frontier = new MerkleFrontier();
    frontier.append(new byte[] {1});
    MerkleFrontier copy = frontier.copy();

    copy.append(new byte[] {2});

    assertThat(frontier.size()).isEqualTo(1);
    assertThat(copy.size()).isEqualTo(2);
  }

  @Test
  void rejectsBytesThatAreNotAFrontier() {
    MerkleFrontier three = new MerkleFrontier();
    for (int i = 0; i < 3; i++) {
      three.append(new byte[] {(byte) i});
    }
    byte[] stored = three.toBytes();
    byte[] truncated = Arrays.copyOf(stored, stored.length - 1);
    byte[] otherVersion = stored.clone();
    otherVersion[0] = 9;

    assertThatThrownBy(() -> MerkleFrontier.fromBytes(truncated)).hasMessageContaining("size 3 needs 2");
    assertThatThrownBy(() -> MerkleFrontier.fromBytes(otherVersion)).hasMessageContaining("version");
    assertThatThrownBy(() -> MerkleFrontier.fromBytes(new byte[0])).isInstanceOf(IllegalArgumentException.class);
  }
}
