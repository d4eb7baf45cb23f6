package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class InclusionProofProperties {

  @Property(tries = 200)
  void everyCoveredEntryIsProvenAgainstTheCheckpointRoot(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 1, max = 70) Integer> sizes,
      @ForAll @IntRange(min = 0, max = 5) int pick, @ForAll @IntRange(min = 0, max = 69) int entry, @ForAll long seed) {
    Map<Integer, List<byte[]>> partitions = new TreeMap<>();
    List<PartitionRoot> roots = new ArrayList<>();
    for (int p = 0; p < sizes.size(); p++) {
      // Partition numbers with gaps, as when some partitions have no entries yet.
      List<byte[]> hashes = ProofFixtures.hashes(sizes.get(p), seed + 1000L * p);
      partitions.put(3 * p, hashes);
      roots.add(ProofFixtures.rootOf(3 * p, hashes));
    }
    int partition = 3 * (pick % sizes.size());
    List<byte[]> hashes = partitions.get(partition);
    int sequence = entry % hashes.size();
    byte[] checkpointRoot = CheckpointTree.root(roots);

    InclusionProof proof = InclusionProof.of(hashes, sequence, roots, partition);

    assertThat(proof.verifies(hashes.get(sequence), checkpointRoot)).isTrue();
    assertThat(proof.partitionRootFor(hashes.get(sequence))).isEqualTo(MerkleTree.root(hashes));
    byte[] forged = hashes.get(sequence).clone();
    forged[31] ^= 1;
    assertThat(proof.verifies(forged, checkpointRoot)).isFalse();
    byte[] otherRoot = checkpointRoot.clone();
    otherRoot[0] ^= 1;
    assertThat(proof.verifies(hashes.get(sequence), otherRoot)).isFalse();
  }

  @Property(tries = 100)
  void aProofForOnePartitionDoesNotProveTheEntryInAnother(
      @ForAll @IntRange(min = 1, max = 40) int size, @ForAll @IntRange(min = 0, max = 39) int entry, @ForAll long seed) {
    List<byte[]> hashes = ProofFixtures.hashes(size, seed);
    List<PartitionRoot> roots = List.of(ProofFixtures.rootOf(0, hashes), ProofFixtures.rootOf(1, hashes));
    int sequence = entry % size;
    InclusionProof proof = InclusionProof.of(hashes, sequence, roots, 0);
    InclusionProof claimedForPartition1 = new InclusionProof(1, proof.entrySequence(), proof.partitionSize(),
        proof.partitionLastEntryHash(), proof.partitionPath(), proof.partitionIndex(), proof.partitionCount(),
        proof.checkpointPath());

    assertThat(proof.verifies(hashes.get(sequence), CheckpointTree.root(roots))).isTrue();
    assertThat(claimedForPartition1.verifies(hashes.get(sequence), CheckpointTree.root(roots))).isFalse();
  }
}
