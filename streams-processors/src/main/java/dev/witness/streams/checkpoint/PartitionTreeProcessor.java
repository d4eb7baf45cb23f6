package dev.witness.streams.checkpoint;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.streams.TopologyNames;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage one of the checkpointer, one task per ledger partition: folds each entry's hash into the
 * partition's compact Merkle tree (persistent store) and forwards the partition's root every
 * {@code everyEntries} entries and, on wall-clock time, every {@code everyInterval} if it grew.
 */
final class PartitionTreeProcessor implements Processor<String, LedgerEntry, Integer, PartitionRoot> {

  private static final Logger log = LoggerFactory.getLogger(PartitionTreeProcessor.class);

  private final CheckpointCadence cadence;
  private ProcessorContext<Integer, PartitionRoot> context;
  private KeyValueStore<Integer, PartitionTree> trees;

  PartitionTreeProcessor(CheckpointCadence cadence) {
    this.cadence = cadence;
  }

  @Override
  public void init(ProcessorContext<Integer, PartitionRoot> context) {
    this.context = context;
    this.trees = context.getStateStore(TopologyNames.CHECKPOINT_TREES_STORE);
    context.schedule(cadence.everyInterval(), PunctuationType.WALL_CLOCK_TIME, this::reportGrown);
  }

  @Override
  public void process(Record<String, LedgerEntry> record) {
    LedgerEntry entry = record.value();
    if (entry == null) {
      return;
    }
    int partition = entry.getPartition();
    PartitionTree tree = Objects.requireNonNullElseGet(trees.get(partition), () -> PartitionTree.empty(partition));
    if (!tree.append(entry.getEntrySequence(), bytes(entry.getPreviousHash()), bytes(entry.getHash()))) {
      // Exactly-once commits the tree with the offset, so only a hand-reset offset shows an entry twice.
      log.warn("checkpoint skipped entry already in the tree partition={} entrySequence={} treeSize={}",
          partition, entry.getEntrySequence(), tree.size());
      return;
    }
    if (tree.reportDue(cadence.everyEntries())) {
      context.forward(new Record<>(partition, tree.report(), record.timestamp()));
    }
    trees.put(partition, tree);
  }

  private void reportGrown(long wallClockMillis) {
    List<PartitionTree> grown = new ArrayList<>();
    // Collected before writing: not every store's iterator tolerates puts underneath it.
    try (KeyValueIterator<Integer, PartitionTree> it = trees.all()) {
      while (it.hasNext()) {
        KeyValue<Integer, PartitionTree> next = it.next();
        if (next.value.advanced()) {
          grown.add(next.value);
        }
      }
    }
    for (PartitionTree tree : grown) {
      context.forward(new Record<>(tree.partition(), tree.report(), wallClockMillis));
      trees.put(tree.partition(), tree);
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
