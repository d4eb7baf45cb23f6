package dev.witness.streams.ledger;

import dev.witness.schemas.event.LedgerEntry;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.StreamPartitioner;

/** Writes each ledger entry to the {@code witness.ledger} partition of its chain. */
final class LedgerPartitioner implements StreamPartitioner<String, LedgerEntry> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, LedgerEntry entry, Headers headers, int numPartitions) {
    if (entry.getPartition() >= numPartitions) {
      // Dropping or re-routing would split or lose a chain; stop instead, with the fix.
      throw new IllegalStateException(topic + " has " + numPartitions + " partitions but the ledger chains partition "
          + entry.getPartition() + "; create " + topic + " with as many partitions as the ledger topology is built with");
    }
    return Optional.of(Set.of(entry.getPartition()));
  }

  /** Only satisfies the interface; Kafka Streams calls the variant with headers. */
  @Override
  @SuppressWarnings("removal")
  public Optional<Set<Integer>> partitions(String topic, String key, LedgerEntry entry, int numPartitions) {
    return partitions(topic, key, entry, null, numPartitions);
  }
}
