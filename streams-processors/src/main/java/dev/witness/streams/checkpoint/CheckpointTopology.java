package dev.witness.streams.checkpoint;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.CheckpointSigner;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Checkpoints the ledger into {@code witness.checkpoints}: each ledger partition's task keeps an
 * RFC 6962 Merkle tree over the partition's entry hashes in compact form and reports its root; a
 * single-partition repartition brings every report to one task, which signs a checkpoint over the
 * newest root of every partition (dev.witness.schemas.proof). Trees are cumulative from entry 0,
 * so every checkpoint covers the whole ledger up to its heads. Run it with {@code exactly_once_v2}
 * (as {@code StreamsSettings.ledger}) under its own application id ({@link TopologyNames#CHECKPOINTS}).
 */
public final class CheckpointTopology {

  private CheckpointTopology() {}

  /** The topology, checkpointing every 1,000 entries or 5 seconds. */
  public static Topology build(SchemaRegistryClient registry, CheckpointSigner signer, Clock clock) {
    return build(registry, signer, clock, CheckpointCadence.defaults());
  }

  /**
   * The topology.
   *
   * @param registry schema registry of the ledger and checkpoint serdes
   * @param signer signs each checkpoint; its key id goes into the checkpoint
   * @param clock stamps {@code createdAt}
   * @param cadence when partitions report and checkpoints are signed
   */
  public static Topology build(
      SchemaRegistryClient registry, CheckpointSigner signer, Clock clock, CheckpointCadence cadence) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(cadence, "cadence");
    StreamsBuilder builder = new StreamsBuilder();
    builder.stream(Topics.LEDGER.name(),
            Consumed.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.LEDGER)).withName("checkpoint-ledger"))
        .process(partitionTrees(cadence), Named.as("checkpoint-partition-tree"))
        .repartition(Repartitioned.with(Serdes.Integer(), new PartitionRootSerde())
            .withName(TopologyNames.CHECKPOINT_REPARTITION)
            .withNumberOfPartitions(1))
        .process(checkpoints(signer, clock, cadence), Named.as("checkpoint-sign"))
        .to(Topics.CHECKPOINTS.name(),
            Produced.with(Serdes.String(), AvroEventSerde.forTopic(registry, Topics.CHECKPOINTS))
                .withName("checkpoints"));
    return builder.build();
  }

  private static ProcessorSupplier<String, LedgerEntry, Integer, PartitionRoot> partitionTrees(CheckpointCadence cadence) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<String, LedgerEntry, Integer, PartitionRoot> get() {
        return new PartitionTreeProcessor(cadence);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.CHECKPOINT_TREES_STORE),
            Serdes.Integer(), new PartitionTreeSerde()).withCachingDisabled());
      }
    };
  }

  private static ProcessorSupplier<Integer, PartitionRoot, String, Checkpoint> checkpoints(
      CheckpointSigner signer, Clock clock, CheckpointCadence cadence) {
    return new ProcessorSupplier<>() {
      @Override
      public Processor<Integer, PartitionRoot, String, Checkpoint> get() {
        return new CheckpointProcessor(signer, clock, cadence);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.CHECKPOINT_ROOTS_STORE),
                Serdes.Integer(), new PartitionRootSerde()).withCachingDisabled(),
            Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.CHECKPOINT_LAST_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());
      }
    };
  }
}
