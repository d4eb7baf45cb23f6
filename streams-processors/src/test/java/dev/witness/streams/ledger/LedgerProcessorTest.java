package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerProcessorTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Duration RETENTION = Duration.ofHours(1);

  @TempDir Path stateDir;

  private MockProcessorContext<String, LedgerEntry> context;
  private KeyValueStore<Integer, ChainHead> heads;
  private KeyValueStore<String, ChainedEvent> chainedIds;
  private KeyValueStore<Bytes, byte[]> chainedExpiry;
  private LedgerProcessor processor;

  @BeforeEach
  void setUp() {
    context = new MockProcessorContext<>(TestDrivers.props("ledger", stateDir));
    heads = register(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.LEDGER_CHAIN_STORE),
        Serdes.Integer(), new ChainHeadSerde()).withLoggingDisabled().build());
    chainedIds = register(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.LEDGER_CHAINED_IDS_STORE),
        Serdes.String(), new ChainedEventSerde()).withLoggingDisabled().build());
    chainedExpiry = register(Stores.keyValueStoreBuilder(
        Stores.inMemoryKeyValueStore(TopologyNames.LEDGER_CHAINED_EXPIRY_STORE), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingDisabled().build());
    processor = new LedgerProcessor(Clock.fixed(NOW, ZoneOffset.UTC), RETENTION);
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

    LedgerProcessor restarted = new LedgerProcessor(Clock.fixed(NOW, ZoneOffset.UTC), RETENTION);
    restarted.init(context);
    context.resetForwards();
    context.setRecordMetadata("repartition", 0, 1);
    restarted.process(new Record<>("s-a", (SpecificRecord) TestEvents.http("s-a", 2, "GET", "/", 0), 43L));

    LedgerEntry next = context.forwarded().get(0).record().value();
    assertThat(next.getEntrySequence()).isEqualTo(1);
    assertThat(LedgerChain.verify(stored, List.of(next)).valid()).isTrue();
  }

  @Test
  void skipsAnEventIdItHasChainedAndCountsIt() {
    RequestIntercepted request = TestEvents.http("s-a", 1, "GET", "/", 0);

    send(0, request);
    send(0, request);
    send(0, TestEvents.http("s-a", 2, "GET", "/", 0));

    assertThat(context.forwarded()).extracting(f -> f.record().value().getEntrySequence()).containsExactly(0L, 1L);
    assertThat(chainedIds.get(request.getHeader().getEventId())).isEqualTo(new ChainedEvent(0, 0, NOW));
    assertThat(duplicatesSkipped()).isEqualTo(1.0);
  }

  @Test
  void schedulesForgettingOnWallClockTimeEveryMinute() {
    assertThat(context.scheduledPunctuators()).singleElement().satisfies(punctuator -> {
      assertThat(punctuator.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
      assertThat(punctuator.getInterval()).isEqualTo(Duration.ofMinutes(1));
    });
  }

  @Test
  void thePunctuatorForgetsOnlyIdsChainedLongerThanTheRetentionAgo() {
    RequestIntercepted old = TestEvents.http("s-a", 1, "GET", "/", 0);
    RequestIntercepted recent = TestEvents.http("s-a", 2, "GET", "/", 0);
    send(0, old);
    LedgerProcessor later = new LedgerProcessor(Clock.fixed(NOW.plus(Duration.ofMinutes(30)), ZoneOffset.UTC), RETENTION);
    later.init(context);
    context.setRecordMetadata("repartition", 0, 1);
    later.process(new Record<>("s-a", recent, 43L));
    CapturedPunctuator punctuator = context.scheduledPunctuators().get(0);

    punctuator.getPunctuator().punctuate(NOW.plus(RETENTION).toEpochMilli());
    assertThat(chainedIds.get(old.getHeader().getEventId())).isNotNull();

    punctuator.getPunctuator().punctuate(NOW.plus(RETENTION).plusMillis(1).toEpochMilli());
    assertThat(chainedIds.get(old.getHeader().getEventId())).isNull();
    assertThat(chainedIds.get(recent.getHeader().getEventId())).isNotNull();
    assertThat(chainedExpiry.approximateNumEntries()).isEqualTo(1);
  }

  private double duplicatesSkipped() {
    return context.metrics().metrics().entrySet().stream()
        .filter(e -> e.getKey().name().equals(LedgerProcessor.DUPLICATE_SKIPPED + "-total"))
        .mapToDouble(e -> (Double) e.getValue().metricValue())
        .sum();
  }

  private void send(int partition, String sessionId) {
    send(partition, TestEvents.http(sessionId, 1, "GET", "/", 0));
  }

  private void send(int partition, RequestIntercepted event) {
    context.setRecordMetadata("repartition", partition, 0);
    processor.process(new Record<>(event.getHeader().getSessionId(), event, 42L));
  }

  private <S extends KeyValueStore<?, ?>> S register(S store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }
}
