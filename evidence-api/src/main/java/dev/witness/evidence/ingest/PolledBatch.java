package dev.witness.evidence.ingest;

import dev.witness.evidence.store.NewEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records (or two polls' records stored together) and their conversion, started on the
 * ingestor's own pool as soon as they are polled so it runs while the ingest thread waits for the
 * database to store the batch before.
 */
final class PolledBatch {

  // below this, spreading over the cores costs more than it saves
  private static final int PARALLEL_CONVERSION = 64;

  private final int count;
  private final Map<TopicPartition, Long> firstOffsets;
  private final Map<TopicPartition, OffsetAndMetadata> nextOffsets;
  private final CompletableFuture<List<NewEntry>> entries;

  private PolledBatch(int count, Map<TopicPartition, Long> firstOffsets,
      Map<TopicPartition, OffsetAndMetadata> nextOffsets, CompletableFuture<List<NewEntry>> entries) {
    this.count = count;
    this.firstOffsets = firstOffsets;
    this.nextOffsets = nextOffsets;
    this.entries = entries;
  }

  /**
   * Starts converting {@code records} on {@code pool}, in order. Not the common pool: whatever else
   * blocks there (any caller's {@code runAsync} of a slow call) would stall ingestion behind it.
   */
  static PolledBatch converting(ConsumerRecords<String, byte[]> records, LedgerRecordConverter converter,
      ExecutorService pool) {
    List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(records.count());
    records.forEach(polled::add);
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
      first.put(tp, partitionRecords.get(0).offset());
      next.put(tp, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
    }
    return new PolledBatch(records.count(), first, next, CompletableFuture.supplyAsync(() ->
        (polled.size() < PARALLEL_CONVERSION ? polled.stream() : polled.parallelStream())
            .map(converter::convert)
            .toList(), pool));
  }

  /** {@code earlier} and {@code later} (polled after it) as one batch, to be stored in one go. */
  static PolledBatch together(PolledBatch earlier, PolledBatch later) {
    Map<TopicPartition, Long> first = new HashMap<>(later.firstOffsets);
    first.putAll(earlier.firstOffsets);
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>(earlier.nextOffsets);
    next.putAll(later.nextOffsets);
    return new PolledBatch(earlier.count + later.count, first, next,
        earlier.entries.thenCombine(later.entries, (a, b) -> {
          List<NewEntry> all = new ArrayList<>(a.size() + b.size());
          all.addAll(a);
          all.addAll(b);
          return all;
        }));
  }

  /** The converted entries, waiting for the conversion; rethrows its failure unwrapped. */
  List<NewEntry> entries() {
    try {
      return entries.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  int count() {
    return count;
  }

  /** The offsets to commit once this batch is stored: one past its last record per partition. */
  Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
    return Map.copyOf(nextOffsets);
  }

  /** The offset of this batch's first record per partition. */
  Map<TopicPartition, Long> firstOffsets() {
    return Map.copyOf(firstOffsets);
  }
}
