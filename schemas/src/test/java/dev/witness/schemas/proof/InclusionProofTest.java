package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InclusionProofTest {

  private final List<byte[]> p0 = ProofFixtures.hashes(5, 1);
  private final List<byte[]> p2 = ProofFixtures.hashes(9, 2);
  private final List<PartitionRoot> roots = List.of(ProofFixtures.rootOf(0, p0), ProofFixtures.rootOf(2, p2));

  @Test
  void provesAnEntryOfARealChain() {
    List<byte[]> chain = ProofFixtures.hashes(ProofFixtures.chain(1, 6));
    List<PartitionRoot> withChain = List.of(ProofFixtures.rootOf(0, p0), ProofFixtures.rootOf(1, chain),
        ProofFixtures.rootOf(2, p2));

    InclusionProof proof = InclusionProof.of(chain, 3, withChain, 1);

    assertThat(proof.partitionIndex()).isEqualTo(1);
    assertThat(proof.partitionCount()).isEqualTo(3);
    assertThat(proof.partitionSize()).isEqualTo(6);
    assertThat(proof.verifies(chain.get(3), CheckpointTree.root(withChain))).isTrue();
  }

  @Test
  void usesOnlyTheEntriesTheCheckpointCovers() {
    List<byte[]> grownSince = ProofFixtures.hashes(12, 2).subList(0, 12);
    // The first 9 hashes are those the checkpoint covers; three more were appended after it.
    List<byte[]> longer = new ArrayList<>(p2);
    longer.addAll(grownSince.subList(9, 12));

    InclusionProof proof = InclusionProof.of(longer, 4, roots, 2);

    assertThat(proof.partitionSize()).isEqualTo(9);
    assertThat(proof.verifies(p2.get(4), CheckpointTree.root(roots))).isTrue();
  }

  @Test
  void theLastEntryMustBeTheStatedHead() {
    InclusionProof proof = InclusionProof.of(p0, 4, roots, 0);
    InclusionProof otherHead = new InclusionProof(0, 4, 5, p0.get(3), proof.partitionPath(), proof.partitionIndex(),
        proof.partitionCount(), proof.checkpointPath());

    assertThat(proof.verifies(p0.get(4), CheckpointTree.root(roots))).isTrue();
    assertThat(otherHead.verifies(p0.get(4), CheckpointTree.root(roots))).isFalse();
  }

  @Test
  void refusesEntriesTheCheckpointDoesNotCover() {
    assertThatThrownBy(() -> InclusionProof.of(p0, 5, roots, 0)).hasMessageContaining("entries 0..4 of partition 0");
    assertThatThrownBy(() -> InclusionProof.of(p0, 0, roots, 1)).hasMessageContaining("no entry of partition 1");
  }

  @Test
  void checkpointTreeLeavesMustBeInPartitionOrder() {
    assertThatThrownBy(() -> CheckpointTree.root(List.of(roots.get(1), roots.get(0))))
        .hasMessageContaining("ascending");
    assertThatThrownBy(() -> CheckpointTree.root(List.of())).hasMessageContaining("at least one");
  }

  @Test
  void equalProofsAreEqual() {
    assertThat(InclusionProof.of(p2, 3, roots, 2)).isEqualTo(InclusionProof.of(p2, 3, roots, 2))
        .isNotEqualTo(InclusionProof.of(p2, 4, roots, 2));
  }
}
