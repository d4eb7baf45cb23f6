package dev.witness.schemas.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.PartitionHead;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointSignatureTest {

  private static final Instant AT = Instant.parse("2026-03-01T12:00:00.123456789Z");

  private final SigningKey key = SigningKeys.generate();
  private final List<PartitionRoot> roots = List.of(
      ProofFixtures.rootOf(0, ProofFixtures.hashes(ProofFixtures.chain(0, 4))),
      ProofFixtures.rootOf(1, ProofFixtures.hashes(ProofFixtures.chain(1, 3))));

  @Test
  void aCreatedCheckpointStatesItsPartitionsAndVerifies() {
    Checkpoint checkpoint = CheckpointFactory.create(roots, AT, key);

    assertThat(checkpoint.getTreeSize()).isEqualTo(7);
    assertThat(checkpoint.getRootHash()).isEqualTo(ByteBuffer.wrap(CheckpointTree.root(roots)));
    assertThat(checkpoint.getHeads()).extracting(PartitionHead::getPartition, PartitionHead::getEntrySequence)
        .containsExactly(tuple(0, 3L), tuple(1, 2L));
    assertThat(checkpoint.getCreatedAt()).isEqualTo(Instant.parse("2026-03-01T12:00:00.123456Z"));
    assertThat(checkpoint.getKeyId()).isEqualTo(key.keyId());
    assertThat(checkpoint.getCheckpointId()).matches("7-[0-9a-f]{16}");
    assertThat(CheckpointVerifier.partitions(checkpoint)).isEqualTo(roots);
    assertThat(CheckpointVerifier.problem(checkpoint, TrustedKeys.of(key.publicKey()))).isEmpty();
  }

  @Test
  void everythingButTheTimeAndSignatureFollowsFromThePartitions() {
    Checkpoint a = CheckpointFactory.create(roots, AT, key);
    Checkpoint b = CheckpointFactory.create(roots, AT.plusSeconds(5), SigningKeys.generate());

    assertThat(b.getCheckpointId()).isEqualTo(a.getCheckpointId());
    assertThat(b.getHeads()).isEqualTo(a.getHeads());
    assertThat(b.getRootHash()).isEqualTo(a.getRootHash());
  }

  @Test
  void anyAlteredFieldBreaksTheSignature() {
    Checkpoint signed = CheckpointFactory.create(roots, AT, key);
    TrustedKeys trusted = TrustedKeys.of(key.publicKey());
    List<PartitionHead> heads = new ArrayList<>(signed.getHeads());
    heads.set(0, PartitionHead.newBuilder(heads.get(0)).setEntrySequence(2).build());

    for (Checkpoint altered : List.of(
        Checkpoint.newBuilder(signed).setCheckpointId("other").build(),
        Checkpoint.newBuilder(signed).setCreatedAt(AT.plusSeconds(1)).build(),
        Checkpoint.newBuilder(signed).setHeads(heads).build(),
        Checkpoint.newBuilder(signed).setTreeSize(8).build(),
        Checkpoint.newBuilder(signed).setRootHash(ByteBuffer.wrap(new byte[32])).build())) {
      assertThat(CheckpointSignature.verify(altered, trusted)).as("%s", altered).isFalse();
      assertThat(CheckpointVerifier.problem(altered, trusted)).get().asString().contains("signature does not verify");
    }
  }

  @Test
  void aCheckpointSignedByAnUnknownKeyIsRefusedByName() {
    Checkpoint signed = CheckpointFactory.create(roots, AT, key);

    assertThat(CheckpointVerifier.problem(signed, TrustedKeys.of(SigningKeys.generate().publicKey())))
        .get().asString().contains("signed with key " + key.keyId()).contains("not among the trusted keys");
  }

  @Test
  void afterRotationOldAndNewCheckpointsVerifyWithBothPublicKeys() {
    SigningKey next = SigningKeys.generate();
    Checkpoint old = CheckpointFactory.create(roots, AT, key);
    Checkpoint fresh = CheckpointFactory.create(roots, AT.plusSeconds(60), next);
    TrustedKeys both = TrustedKeys.of(key.publicKey(), next.publicKey());

    assertThat(fresh.getKeyId()).isNotEqualTo(old.getKeyId());
    assertThat(CheckpointVerifier.problem(old, both)).isEmpty();
    assertThat(CheckpointVerifier.problem(fresh, both)).isEmpty();
    assertThat(CheckpointVerifier.problem(old, TrustedKeys.of(next.publicKey()))).isPresent();
  }

  @Test
  void aConsistentlyResignedButWrongRootIsCaught() {
    Checkpoint wrong = CheckpointSignature.sign(Checkpoint.newBuilder(CheckpointFactory.create(roots, AT, key))
        .setRootHash(ByteBuffer.wrap(new byte[32])).build(), key);
    Checkpoint wrongSize = CheckpointSignature.sign(Checkpoint.newBuilder(CheckpointFactory.create(roots, AT, key))
        .setTreeSize(6).build(), key);
    TrustedKeys trusted = TrustedKeys.of(key.publicKey());

    assertThat(CheckpointVerifier.problem(wrong, trusted)).get().asString().contains("rootHash is not the Merkle root");
    assertThat(CheckpointVerifier.problem(wrongSize, trusted)).get().asString().contains("treeSize 6 where its heads cover 7");
  }

  @Test
  void theSignedBytesStartWithTheLayoutName() {
    byte[] signed = CheckpointSignature.signedBytes(CheckpointFactory.create(roots, AT, key));

    assertThat(new String(signed, 0, CheckpointSignature.DOMAIN.length(), StandardCharsets.US_ASCII))
        .isEqualTo("witness.checkpoint.v1");
    assertThat(signed[CheckpointSignature.DOMAIN.length()]).isZero();
  }
}
