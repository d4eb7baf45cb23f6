package dev.witness.streams.checkpoint;

import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.proof.CheckpointFactory;
import dev.witness.schemas.proof.CheckpointSigner;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.streams.TopologyNames;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage two of the checkpointer, a single task: keeps the newest reported root of every ledger
 * partition and signs a checkpoint over all of them once the reports add up to
 * {@code everyEntries} new entries, or on wall-clock time every {@code everyInterval} if any
 * partition grew. Only the signing time and signature depend on when that happens.
 */
final class CheckpointProcessor implements Processor<Integer, PartitionRoot, String, Checkpoint> {

  /** Key of the covered entry count in the last-checkpoint store. */
  static final String TREE_SIZE = "treeSize";

  private static final Logger log = LoggerFactory.getLogger(CheckpointProcessor.class);

  private final CheckpointSigner signer;
  private final Clock clock;
  private final CheckpointCadence cadence;
  private ProcessorContext<String, Checkpoint> context;
  private KeyValueStore<Integer, PartitionRoot> roots;
  private KeyValueStore<String, Long> last;

  CheckpointProcessor(CheckpointSigner signer, Clock clock, CheckpointCadence cadence) {
    this.signer = signer;
    this.clock = clock;
    this.cadence = cadence;
  }

  @Override
  public void init(ProcessorContext<String, Checkpoint> context) {
    this.context = context;
    this.roots = context.getStateStore(TopologyNames.CHECKPOINT_ROOTS_STORE);
    this.last = context.getStateStore(TopologyNames.CHECKPOINT_LAST_STORE);
    context.schedule(cadence.everyInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkpointIfGrown);
  }

  @Override
  public void process(Record<Integer, PartitionRoot> record) {
    PartitionRoot reported = record.value();
    if (reported == null) {
      return;
    }
    PartitionRoot known = roots.get(reported.partition());
    if (known != null && known.size() >= reported.size()) {
      // A report replayed after a restart, or overtaken by a newer one.
      if (known.size() == reported.size() && !known.equals(reported)) {
        throw new IllegalStateException("ledger partition " + reported.partition() + " was reported with two roots for "
            + reported.size() + " entries; checkpoints stop until the chain is examined");
      }
      return;
    }
    roots.put(reported.partition(), reported);
    List<PartitionRoot> partitions = partitions();
    if (covered(partitions) - lastTreeSize() >= cadence.everyEntries()) {
      checkpoint(partitions, record.timestamp());
    }
  }

  private void checkpointIfGrown(long wallClockMillis) {
    List<PartitionRoot> partitions = partitions();
    if (covered(partitions) > lastTreeSize()) {
      checkpoint(partitions, wallClockMillis);
    }
  }

  private void checkpoint(List<PartitionRoot> partitions, long timestamp) {
    Checkpoint checkpoint = CheckpointFactory.create(partitions, clock.instant(), signer);
    last.put(TREE_SIZE, checkpoint.getTreeSize());
    context.forward(new Record<>(null, checkpoint, timestamp));
    log.info("checkpoint signed checkpointId={} treeSize={} partitions={} keyId={}",
        checkpoint.getCheckpointId(), checkpoint.getTreeSize(), partitions.size(), checkpoint.getKeyId());
  }

  private List<PartitionRoot> partitions() {
    List<PartitionRoot> partitions = new ArrayList<>();
    try (KeyValueIterator<Integer, PartitionRoot> it = roots.all()) {
      it.forEachRemaining(kv -> partitions.add(kv.value));
    }
    partitions.sort(Comparator.comparingInt(PartitionRoot::partition));
    return partitions;
  }

  private long lastTreeSize() {
    return Objects.requireNonNullElse(last.get(TREE_SIZE), 0L);
  }

  private static long covered(List<PartitionRoot> partitions) {
    return partitions.stream().mapToLong(PartitionRoot::size).sum();
  }
}
