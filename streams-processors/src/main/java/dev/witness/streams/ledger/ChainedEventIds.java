package dev.witness.streams.ledger;

import dev.witness.streams.TopologyNames;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The event ids a ledger task has chained, in two changelogged stores: by id, to find a second
 * delivery, and by time of chaining, so forgetting old ids reads only the expired ones rather than
 * scanning a week of ids every minute.
 */
final class ChainedEventIds {

  /** Most expired ids held in memory at once while forgetting. */
  static final int FORGET_BATCH = 10_000;

  private static final byte[] PRESENT = new byte[0];

  private final KeyValueStore<String, ChainedEvent> byId;
  private final KeyValueStore<Bytes, byte[]> byTime;

  ChainedEventIds(KeyValueStore<String, ChainedEvent> byId, KeyValueStore<Bytes, byte[]> byTime) {
    this.byId = byId;
    this.byTime = byTime;
  }

  /** The stores of the task behind {@code context}, registered by {@link #storeBuilders()}. */
  static ChainedEventIds of(ProcessingContext context) {
    return new ChainedEventIds(context.getStateStore(TopologyNames.LEDGER_CHAINED_IDS_STORE),
        context.getStateStore(TopologyNames.LEDGER_CHAINED_EXPIRY_STORE));
  }

  /** Persistent, changelogged builders of both stores; caching off, so every put reaches the changelog. */
  static List<StoreBuilder<?>> storeBuilders() {
    return List.of(
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.LEDGER_CHAINED_IDS_STORE),
            Serdes.String(), new ChainedEventSerde()).withCachingDisabled(),
        Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.LEDGER_CHAINED_EXPIRY_STORE),
            Serdes.Bytes(), Serdes.ByteArray()).withCachingDisabled());
  }

  /** Where {@code eventId} was chained, if it was and is not forgotten yet. */
  Optional<ChainedEvent> find(String eventId) {
    return Optional.ofNullable(byId.get(eventId));
  }

  /** Remembers that {@code eventId} was chained as {@code chained}. */
  void remember(String eventId, ChainedEvent chained) {
    byId.put(eventId, chained);
    byTime.put(timeKey(chained.recordedAt(), eventId), PRESENT);
  }

  /** Forgets every id chained before {@code cutoff}; returns how many. */
  long forgetChainedBefore(Instant cutoff) {
    // The upper bound is the bare time prefix: every key at cutoff has an id after it, so sorts above.
    Bytes upTo = Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(sortable(cutoff)).array());
    long forgotten = 0;
    List<Bytes> expired;
    do {
      expired = firstKeysUpTo(upTo);
      for (Bytes key : expired) {
        byId.delete(eventIdOf(key));
        byTime.delete(key);
      }
      forgotten += expired.size();
    } while (expired.size() == FORGET_BATCH);
    return forgotten;
  }

  private List<Bytes> firstKeysUpTo(Bytes upTo) {
    // Collected before deleting: not every store's iterator tolerates deletes underneath it.
    List<Bytes> keys = new ArrayList<>();
    try (KeyValueIterator<Bytes, byte[]> it = byTime.range(null, upTo)) {
      while (it.hasNext() && keys.size() < FORGET_BATCH) {
        keys.add(it.next().key);
      }
    }
    return keys;
  }

  /** The index key: sortable recording time (8 bytes, big-endian) then the UTF-8 event id. */
  static Bytes timeKey(Instant recordedAt, String eventId) {
    byte[] id = eventId.getBytes(StandardCharsets.UTF_8);
    return Bytes.wrap(ByteBuffer.allocate(Long.BYTES + id.length).putLong(sortable(recordedAt)).put(id).array());
  }

  private static String eventIdOf(Bytes timeKey) {
    byte[] key = timeKey.get();
    return new String(key, Long.BYTES, key.length - Long.BYTES, StandardCharsets.UTF_8);
  }

  /** Epoch microseconds with the sign bit flipped, so unsigned byte order is time order. */
  private static long sortable(Instant instant) {
    return ChainedEventSerde.micros(instant) ^ Long.MIN_VALUE;
  }
}
