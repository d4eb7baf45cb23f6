package dev.witness.streams.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.CheckpointTree;
import dev.witness.schemas.proof.CheckpointVerifier;
import dev.witness.schemas.proof.InclusionProof;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.testing.TestDrivers;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTopologyTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @TempDir Path stateDir;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final SigningKey key = SigningKeys.generate();
  private final TrustedKeys trusted = TrustedKeys.of(key.publicKey());
  private TopologyTestDriver driver;
  private TestInputTopic<String, LedgerEntry> ledger;
  private TestOutputTopic<String, Checkpoint> checkpoints;

  private void start(long everyEntries) {
    driver = new TopologyTestDriver(
        CheckpointTopology.build(registry, key, CLOCK, new CheckpointCadence(everyEntries, INTERVAL)),
        TestDrivers.props("checkpoints", stateDir), NOW);
    ledger = TestDrivers.input(driver, registry, Topics.LEDGER);
    checkpoints = TestDrivers.output(driver, registry, Topics.CHECKPOINTS);
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void everyNEntriesACheckpointStatesTheMerkleRootOfTheLedgerAndIsSigned() {
    start(4);
    List<LedgerEntry> p0 = LedgerChains.chain(0, 6);
    List<LedgerEntry> p2 = LedgerChains.chain(2, 4);

    pipe(p0.subList(0, 4));
    pipe(p2);
    pipe(p0.subList(4, 6));
    List<Checkpoint> signed = checkpoints.readValuesToList();

    // Partition 0 reports at 4 entries, partition 2 at 4; the last two entries of 0 wait for the interval.
    assertThat(signed).hasSize(2);
    Checkpoint first = signed.get(0);
    Checkpoint second = signed.get(1);
    assertThat(CheckpointVerifier.partitions(first)).containsExactly(LedgerChains.rootOf(p0, 4));
    List<PartitionRoot> expected = List.of(LedgerChains.rootOf(p0, 4), LedgerChains.rootOf(p2, 4));
    assertThat(CheckpointVerifier.partitions(second)).containsExactlyElementsOf(expected);
    assertThat(second.getTreeSize()).isEqualTo(8);
    assertThat(second.getRootHash()).isEqualTo(ByteBuffer.wrap(CheckpointTree.root(expected)));
    assertThat(second.getCreatedAt()).isEqualTo(NOW);
    assertThat(second.getKeyId()).isEqualTo(key.keyId());
    assertThat(CheckpointVerifier.problem(first, trusted)).isEmpty();
    assertThat(CheckpointVerifier.problem(second, trusted)).isEmpty();
  }

  @Test
  void onTheIntervalEveryGrownPartitionIsCheckpointedAndAnEntryCanBeProven() {
    start(1_000);
    List<LedgerEntry> p0 = LedgerChains.chain(0, 3);
    List<LedgerEntry> p1 = LedgerChains.chain(1, 5);
    pipe(p0);
    pipe(p1);
    assertThat(checkpoints.isEmpty()).isTrue();

    // The partitions report on their interval; the checkpoint is signed on the next one.
    driver.advanceWallClockTime(INTERVAL);
    driver.advanceWallClockTime(INTERVAL);
    List<Checkpoint> signed = checkpoints.readValuesToList();

    assertThat(signed).hasSize(1);
    Checkpoint checkpoint = signed.get(0);
    assertThat(checkpoint.getTreeSize()).isEqualTo(8);
    assertThat(CheckpointVerifier.problem(checkpoint, trusted)).isEmpty();
    List<PartitionRoot> partitions = CheckpointVerifier.partitions(checkpoint);
    assertThat(partitions).containsExactly(LedgerChains.rootOf(p0, 3), LedgerChains.rootOf(p1, 5));
    InclusionProof proof = InclusionProof.of(LedgerChains.hashes(p1), 2, partitions, 1);
    assertThat(proof.verifies(LedgerChains.bytes(p1.get(2).getHash()), LedgerChains.bytes(checkpoint.getRootHash())))
        .isTrue();

    driver.advanceWallClockTime(INTERVAL.multipliedBy(3));
    assertThat(checkpoints.isEmpty()).as("nothing grew, nothing is signed").isTrue();
  }

  @Test
  void aSecondDeliveryOfAnEntryChangesNothing() {
    start(3);
    List<LedgerEntry> p0 = LedgerChains.chain(0, 3);

    pipe(p0);
    pipe(p0.subList(1, 3));
    driver.advanceWallClockTime(INTERVAL);
    driver.advanceWallClockTime(INTERVAL);

    List<Checkpoint> signed = checkpoints.readValuesToList();
    assertThat(signed).hasSize(1);
    assertThat(CheckpointVerifier.partitions(signed.get(0))).containsExactly(LedgerChains.rootOf(p0, 3));
  }

  @Test
  void aGapInTheChainStopsTheCheckpointerInsteadOfSigningIt() {
    start(2);
    List<LedgerEntry> p0 = LedgerChains.chain(0, 4);

    pipe(p0.subList(0, 1));
    assertThatThrownBy(() -> pipe(p0.subList(2, 4)))
        .rootCause().hasMessageContaining("ledger partition 0 skips from entry 0 to 2");
    assertThat(checkpoints.isEmpty()).isTrue();
  }

  @Test
  void anEntryThatDoesNotLinkStopsTheCheckpointer() {
    start(2);
    List<LedgerEntry> p0 = LedgerChains.chain(0, 2);
    LedgerEntry forged = LedgerEntry.newBuilder(p0.get(1)).setPreviousHash(ByteBuffer.wrap(new byte[32])).build();

    pipe(p0.subList(0, 1));
    assertThatThrownBy(() -> pipe(List.of(forged)))
        .rootCause().hasMessageContaining("entry 1 does not link to the hash of entry 0");
    assertThat(checkpoints.isEmpty()).isTrue();
  }

  @Test
  void theSameLedgerGivesTheSameCheckpointWhateverTheCadence() {
    List<LedgerEntry> p0 = LedgerChains.chain(0, 7);
    List<LedgerEntry> p1 = LedgerChains.chain(1, 2);
    start(1);
    pipe(p0);
    pipe(p1);
    Checkpoint eager = checkpoints.readValuesToList().getLast();
    driver.close();
    driver = null;

    start(1_000);
    pipe(p1);
    pipe(p0);
    driver.advanceWallClockTime(INTERVAL);
    driver.advanceWallClockTime(INTERVAL);
    Checkpoint lazy = checkpoints.readValuesToList().getLast();

    assertThat(lazy.getCheckpointId()).isEqualTo(eager.getCheckpointId());
    assertThat(lazy.getHeads()).isEqualTo(eager.getHeads());
    assertThat(lazy.getRootHash()).isEqualTo(eager.getRootHash());
    assertThat(lazy.getTreeSize()).isEqualTo(9);
  }

  @Test
  void internalTopicAndStoreNamesAreStable() {
    start(1);
    pipe(LedgerChains.chain(0, 1));

    // Renaming any orphans the deployed repartition topic or a store's changelog.
    assertThat(driver.producedTopicNames()).contains(
        "checkpoints-" + TopologyNames.CHECKPOINT_REPARTITION + "-repartition",
        "checkpoints-checkpoint-partition-trees-changelog",
        "checkpoints-checkpoint-latest-roots-changelog",
        "checkpoints-checkpoint-last-changelog");
  }

  private void pipe(List<LedgerEntry> entries) {
    entries.forEach(e -> ledger.pipeInput("s-" + e.getPartition(), e));
  }
}
