package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerProcessorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path stateDir;

  private MockProcessorContext<String, LedgerEntry> context;
  private KeyValueStore<Integer, ChainHead> heads;
  private LedgerProcessor processor;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>(TestDrivers.props("ledger", stateDir));
    heads = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("heads"), Serdes.Integer(), new ChainHeadSerde())
        .withLoggingDisabled()
        .build();
    heads.init(context.getStateStoreContext(), heads);
    context.addStateStore(heads);
    processor = new LedgerProcessor("heads", Clock.fixed(NOW, ZoneOffset.UTC));
    processor.init(context);
  }

  @Test
  void chainsEachPartitionSeparatelyAndKeepsTheHeadInTheStore() {
    send(1, "s-a");
    send(2, "s-b");
    send(1, "s-a");

    List<LedgerEntry> entries = context.forwarded().stream().<LedgerEntry>map(f -> f.record().value()).toList();

    assertThat(entries).extracting(LedgerEntry::getPartition).containsExactly(1, 2, 1);
    assertThat(entries).extracting(LedgerEntry::getEntrySequence).containsExactly(0L, 0L, 1L);
    assertThat(entries).extracting(LedgerEntry::getRecordedAt).containsOnly(NOW);
    assertThat(LedgerChain.verify(List.of(entries.get(0), entries.get(2))).valid()).isTrue();
    assertThat(heads.get(1).nextSequence()).isEqualTo(2);
    assertThat(heads.get(2).nextSequence()).isEqualTo(1);
  }

  @Test
  void keepsTheKeyAndTimestamp() {
    send(0, "s-a");

    CapturedForward<? extends String, ? extends LedgerEntry> forward = context.forwarded().get(0);

    assertThat(forward.record().key()).isEqualTo("s-a");
    assertThat(forward.record().timestamp()).isEqualTo(42L);
  }

  @Test
  void continuesFromAHeadAlreadyInTheStore() {
    send(0, "s-a");
    ChainHead stored = heads.get(0);

    LedgerProcessor restarted = new LedgerProcessor("heads", Clock.fixed(NOW, ZoneOffset.UTC));
    restarted.init(context);
    context.resetForwards();
    context.setRecordMetadata("repartition", 0, 1);
    restarted.process(new Record<>("s-a", (SpecificRecord) TestEvents.http("s-a", 2, "GET", "/", 0), 43L));

    LedgerEntry next = context.forwarded().get(0).record().value();
    assertThat(next.getEntrySequence()).isEqualTo(1);
    assertThat(LedgerChain.verify(stored, List.of(next)).valid()).isTrue();
  }

  private void send(int partition, String sessionId) {
    context.setRecordMetadata("repartition", partition, 0);
    processor.process(new Record<>(sessionId, TestEvents.http(sessionId, 1, "GET", "/", 0), 42L));
  }
}
