package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.streams.testing.TestDrivers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainedEventIdsTest {

  private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path stateDir;

  private KeyValueStore<String, ChainedEvent> byId;
  private KeyValueStore<Bytes, byte[]> byTime;
  private ChainedEventIds ids;

  @BeforeEach
  void setUp() {
    MockProcessorContext<Object, Object> context = new MockProcessorContext<>(TestDrivers.props("ledger", stateDir));
    byId = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("by-id"), Serdes.String(), new ChainedEventSerde())
        .withLoggingDisabled().build();
    byTime = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("by-time"), Serdes.Bytes(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    byId.init(context.getStateStoreContext(), byId);
    byTime.init(context.getStateStoreContext(), byTime);
    ids = new ChainedEventIds(byId, byTime);
  }

  @Test
  void findsWhatItRemembers() {
    ids.remember("e-1", new ChainedEvent(2, 9, T));

    assertThat(ids.find("e-1")).contains(new ChainedEvent(2, 9, T));
    assertThat(ids.find("e-2")).isEmpty();
  }

  @Test
  void forgetsStrictlyBeforeTheCutoffWhateverTheIdsSortAs() {
    ids.remember("zzz-old", new ChainedEvent(0, 0, T.minusMillis(1)));
    ids.remember("aaa-at-cutoff", new ChainedEvent(0, 1, T));
    ids.remember("mmm-new", new ChainedEvent(0, 2, T.plusSeconds(60)));

    assertThat(ids.forgetChainedBefore(T)).isEqualTo(1);

    assertThat(ids.find("zzz-old")).isEmpty();
    assertThat(ids.find("aaa-at-cutoff")).isPresent();
    assertThat(ids.find("mmm-new")).isPresent();
    assertThat(byTime.approximateNumEntries()).isEqualTo(2);
  }

  @Test
  void forgetsMoreThanOneBatch() {
    int count = ChainedEventIds.FORGET_BATCH * 2 + 3;
    for (int i = 0; i < count; i++) {
      ids.remember("e-" + i, new ChainedEvent(0, i, T.plusMillis(i)));
    }

    assertThat(ids.forgetChainedBefore(T.plus(Duration.ofDays(1)))).isEqualTo(count);

    assertThat(byId.approximateNumEntries()).isZero();
    assertThat(byTime.approximateNumEntries()).isZero();
  }

  @Test
  void ordersTimesBeforeTheEpochBeforeLaterOnes() {
    ids.remember("before-1970", new ChainedEvent(0, 0, Instant.parse("1969-12-31T23:59:59Z")));
    ids.remember("after-1970", new ChainedEvent(0, 1, Instant.parse("1970-01-01T00:00:01Z")));

    assertThat(ids.forgetChainedBefore(Instant.EPOCH)).isEqualTo(1);
    assertThat(ids.find("after-1970")).isPresent();
  }
}
