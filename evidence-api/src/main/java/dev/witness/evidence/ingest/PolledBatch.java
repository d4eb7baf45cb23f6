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
 * One poll's records and their conversion, started on the ingestor's own pool as soon as they are
 * polled so it runs while the ingest thread waits for the database to store the batch before.
 */
final class PolledBatch {

  // below this, spreading over the cores costs more than it saves
  private static final int PARALLEL_CONVERSION = 64;

  private final ConsumerRecords<String, byte[]> records;
  private final CompletableFuture<List<NewEntry>> entries;

  private PolledBatch(ConsumerRecords<String, byte[]> records, CompletableFuture<List<NewEntry>> entries) {
    this.records = records;
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
    return new PolledBatch(records, CompletableFuture.supplyAsync(() ->
        (polled.size() < PARALLEL_CONVERSION ? polled.stream() : polled.parallelStream())
            .map(converter::convert)
            .toList(), pool));
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
    return records.count();
  }

  /** The offsets to commit once this batch is stored: one past its last record per partition. */
  Map<TopicPartition, OffsetAndMetadata> nextOffsets() {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> partitionRecords = records.records(tp);
      offsets.put(tp, new OffsetAndMetadata(partitionRecords.get(partitionRecords.size() - 1).offset() + 1));
    }
    return offsets;
  }

  /** The offset of this batch's first record per partition. */
  Map<TopicPartition, Long> firstOffsets() {
    Map<TopicPartition, Long> first = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      first.put(tp, records.records(tp).get(0).offset());
    }
    return first;
  }
}
