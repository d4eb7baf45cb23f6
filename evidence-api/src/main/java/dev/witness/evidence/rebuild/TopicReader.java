package dev.witness.evidence.rebuild;

import dev.witness.evidence.ingest.LedgerConsumers;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a whole topic from its first committed record to the end it had when reading began,
 * without a consumer group (nothing is committed, no live consumer is disturbed).
 */
final class TopicReader {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

  private TopicReader() {}

  /** Hands every batch to {@code batches}; returns the number of records read. */
  static long readAll(String bootstrap, Map<String, Object> overrides, String topic,
      Consumer<ConsumerRecords<String, byte[]>> batches, java.util.function.LongConsumer total) {
    Map<String, Object> config = new HashMap<>(LedgerConsumers.config(bootstrap, overrides));
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "witness-evidence-rebuild");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
      if (infos == null || infos.isEmpty()) {
        throw new IllegalStateException("Topic " + topic + " does not exist; nothing to rebuild from");
      }
      List<TopicPartition> partitions = infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read_committed: the end is the last stable offset, so open transactions are not waited for
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, METADATA_TIMEOUT);
      long expected = 0;
      for (TopicPartition tp : partitions) {
        expected += end.get(tp) - consumer.position(tp, METADATA_TIMEOUT);
      }
      total.accept(expected);
      long read = 0;
      while (!reached(consumer, end)) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        if (!records.isEmpty()) {
          batches.accept(records);
          read += records.count();
        }
      }
      return read;
    }
  }

  private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
