package dev.witness.streams.routing;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes a reply to the {@code witness.replies} partition its proxy waits on. A reply without a
 * valid partition is dropped: no proxy could read it, and the waiting one fails closed on timeout.
 */
public final class ReplyPartitioner implements StreamPartitioner<String, SpecificRecord> {

  private static final Logger log = LoggerFactory.getLogger(ReplyPartitioner.class);

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, SpecificRecord value, Headers headers, int numPartitions) {
    Integer partition = switch (value) {
      case Verdict verdict -> verdict.getReplyPartition();
      case MaskedChunk chunk -> chunk.getReplyPartition();
      case null, default -> null;
    };
    if (partition == null || partition < 0 || partition >= numPartitions) {
      log.warn("reply dropped reason={} topic={} partitions={} replyPartition={} type={}",
          partition == null ? "not-a-reply" : "no-such-partition", topic, numPartitions, partition,
          value == null ? "null" : value.getSchema().getName());
      return Optional.of(Set.of());
    }
    return Optional.of(Set.of(partition));
  }

  /** Only satisfies the interface; Kafka Streams calls the variant with headers. */
  @Override
  @SuppressWarnings("removal")
  public Optional<Set<Integer>> partitions(String topic, String key, SpecificRecord value, int numPartitions) {
    return partitions(topic, key, value, null, numPartitions);
  }
}
