package dev.witness.streams.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.CheckpointVerifier;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.testing.TestDrivers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointProcessorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration INTERVAL = Duration.ofSeconds(5);

  @TempDir Path stateDir;

  private final SigningKey key = SigningKeys.generate();
  private final List<LedgerEntry> p0 = LedgerChains.chain(0, 6);
  private final List<LedgerEntry> p1 = LedgerChains.chain(1, 6);
  private MockProcessorContext<String, Checkpoint> context;
  private KeyValueStore<String, Long> last;
  private CheckpointProcessor processor;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>(TestDrivers.props("checkpoints", stateDir));
    KeyValueStore<Integer, PartitionRoot> roots = Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(TopologyNames.CHECKPOINT_ROOTS_STORE), Serdes.Integer(), new PartitionRootSerde())
        .withLoggingDisabled().build();
    roots.init(context.getStateStoreContext(), roots);
    last = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.CHECKPOINT_LAST_STORE),
        Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
    last.init(context.getStateStoreContext(), last);
    processor = new CheckpointProcessor(key, Clock.fixed(NOW, ZoneOffset.UTC), new CheckpointCadence(4, INTERVAL));
    processor.init(context);
  }

  @Test
  void signsOnceTheReportsAddUpToEveryEntriesAndRemembersWhatItCovered() {
    report(LedgerChains.rootOf(p0, 2));
    assertThat(context.forwarded()).isEmpty();

    report(LedgerChains.rootOf(p1, 2));

    assertThat(context.forwarded()).hasSize(1);
    Checkpoint checkpoint = context.forwarded().get(0).record().value();
    assertThat(checkpoint.getTreeSize()).isEqualTo(4);
    assertThat(CheckpointVerifier.problem(checkpoint, TrustedKeys.of(key.publicKey()))).isEmpty();
    assertThat(last.get(CheckpointProcessor.TREE_SIZE)).isEqualTo(4);
  }

  @Test
  void theIntervalSignsWhatGrewAndOnlyThat() {
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);
    assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
    assertThat(punctuator.getInterval()).isEqualTo(INTERVAL);

    punctuator.getPunctuator().punctuate(NOW.toEpochMilli());
    assertThat(context.forwarded()).isEmpty();
    report(LedgerChains.rootOf(p0, 1));
    punctuator.getPunctuator().punctuate(NOW.toEpochMilli());
    punctuator.getPunctuator().punctuate(NOW.toEpochMilli());

    assertThat(context.forwarded()).hasSize(1);
    assertThat(context.forwarded().get(0).record().value().getTreeSize()).isEqualTo(1);
  }

  @Test
  void ignoresAnOlderReportAndStopsOnTwoRootsForOneSize() {
    report(LedgerChains.rootOf(p0, 3));
    report(LedgerChains.rootOf(p0, 2));
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(NOW.toEpochMilli());

    assertThat(CheckpointVerifier.partitions(context.forwarded().get(0).record().value()))
        .containsExactly(LedgerChains.rootOf(p0, 3));
    PartitionRoot other = LedgerChains.rootOf(LedgerChains.chain(0, 4).subList(1, 4), 3);
    assertThatThrownBy(() -> report(new PartitionRoot(0, 3, other.lastEntryHash(), other.root())))
        .hasMessageContaining("two roots for 3 entries");
  }

  private void report(PartitionRoot root) {
    processor.process(new Record<>(root.partition(), root, NOW.toEpochMilli()));
  }
}
