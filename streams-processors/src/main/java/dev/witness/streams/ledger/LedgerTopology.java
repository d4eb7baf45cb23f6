package dev.witness.streams.ledger;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chains all evidence into {@code witness.ledger}: every request (authentication failures
 * included), verdict, masked chunk and approval event is re-keyed by session id and repartitioned
 * so one session lands in one chain, then appended to that partition's hash chain, once per event
 * id. Run it with {@code exactly_once_v2} (set by the launcher) so no link is lost or written twice.
 */
public final class LedgerTopology {

  private static final Logger log = LoggerFactory.getLogger(LedgerTopology.class);

  /** How long the ledger remembers a chained event id by default, to skip a second delivery. */
  public static final Duration DEFAULT_DUPLICATE_RETENTION = Duration.ofDays(7);

  private LedgerTopology() {}

  /** The topology, remembering chained event ids for {@link #DEFAULT_DUPLICATE_RETENTION}. */
  public static Topology build(SchemaRegistryClient registry, int ledgerPartitions, Clock clock) {
    return build(registry, ledgerPartitions, clock, DEFAULT_DUPLICATE_RETENTION);
  }

  /**
   * The topology.
   *
   * @param registry schema registry of the event serdes
   * @param ledgerPartitions number of chains; {@code witness.ledger} needs at least as many partitions
   * @param clock stamps {@code recordedAt}
   * @param duplicateRetention how long after chaining an event id is remembered; a copy of the
   *     event delivered later (e.g. by replaying an input topic further back) is chained again, so
   *     keep it above the longest replay you expect
   */
  public static Topology build(
      SchemaRegistryClient registry, int ledgerPartitions, Clock clock, Duration duplicateRetention) {
    if (ledgerPartitions < 1) {
      throw new IllegalArgumentException("ledgerPartitions: must be at least 1, got " + ledgerPartitions);
    }
    if (duplicateRetention == null || duplicateRetention.isNegative() || duplicateRetention.isZero()) {
      throw new IllegalArgumentException("duplicateRetention: must be positive, got " + duplicateRetention);
    }
    Serde<String> keys = Serdes.String();
    Serde<SpecificRecord> events = new AvroEventSerde<>(registry, SpecificRecord.class);
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(List.of(Topics.REQUESTS.name(), Topics.REPLIES.name(), Topics.APPROVALS.name()),
            Consumed.with(keys, events).withName("ledger-evidence"))
        .filter((key, event) -> isEvidence(event), Named.as("ledger-evidence-only"))
        .selectKey((key, event) -> LedgerEvents.sessionId(event).orElseThrow(), Named.as("ledger-key-by-session"))
        .repartition(Repartitioned.with(keys, events)
            .withName(TopologyNames.LEDGER_REPARTITION)
            .withNumberOfPartitions(ledgerPartitions))
        .process(chain(clock, duplicateRetention), Named.as("ledger-chain"))
        .to(Topics.LEDGER.name(),
            Produced.with(keys, AvroEventSerde.forTopic(registry, Topics.LEDGER))
                .withStreamPartitioner(new LedgerPartitioner())
                .withName("ledger-entries"));
    return builder.build();
  }

  private static boolean isEvidence(SpecificRecord event) {
    if (LedgerEvents.isEvidence(event)) {
      return true;
    }
    if (event != null) {
      log.warn("not chained reason=not-an-evidence-type type={}", event.getSchema().getFullName());
    }
    return false;
  }

  private static ProcessorSupplier<String, SpecificRecord, String, LedgerEntry> chain(
      Clock clock, Duration duplicateRetention) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, SpecificRecord, String, LedgerEntry> get() {
        return new LedgerProcessor(clock, duplicateRetention);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        StoreBuilder<KeyValueStore<Integer, ChainHead>> heads = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(TopologyNames.LEDGER_CHAIN_STORE), Serdes.Integer(), new ChainHeadSerde())
            .withCachingDisabled();
        Set<StoreBuilder<?>> stores = new HashSet<>(ChainedEventIds.storeBuilders());
        stores.add(heads);
        return stores;
      }
    };
  }
}
