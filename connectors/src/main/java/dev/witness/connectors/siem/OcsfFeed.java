package dev.witness.connectors.siem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code witness.siem.ocsf} as a SIEM would, one JSON line per event: every partition assigned
 * directly, no consumer group and no committed offsets, so tailing never disturbs a real sink.
 */
public final class OcsfFeed implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KafkaConsumer<String, String> consumer;

  /** A reader of the feed on {@code bootstrap}. */
  public OcsfFeed(String bootstrap) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        // Tailing must not create the topic on a broker that auto-creates: a missing feed is an error.
        ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
        ConsumerConfig.CLIENT_ID_CONFIG, "witness-siem-tail",
        ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000),
        new StringDeserializer(), new StringDeserializer());
  }

  /** Thrown when the feed topic does not exist (yet): nothing has created the Witness topics there. */
  public static final class NoFeedTopic extends RuntimeException {
    NoFeedTopic(String bootstrap) {
      super("topic " + Topics.SIEM_OCSF + " does not exist on " + bootstrap
          + ": start witness standalone (or create the Witness topics) first");
    }
  }

  /**
   * Prints events until {@code stop} says so or {@code maxEvents} were printed.
   *
   * @param bootstrap named in the error when the topic is missing
   * @param fromBeginning start at the oldest retained event instead of the newest
   * @param classUids print only events of these OCSF {@code class_uid}s; empty prints all
   * @param maxEvents stop after this many printed events; 0 for no limit
   * @param out receives each event as one line of JSON
   * @param stop polled between reads
   * @return how many events were printed
   */
  public long tail(String bootstrap, boolean fromBeginning, Set<Integer> classUids, long maxEvents,
      Consumer<String> out, BooleanSupplier stop) {
    List<PartitionInfo> infos = consumer.partitionsFor(Topics.SIEM_OCSF);
    if (infos == null || infos.isEmpty()) {
      throw new NoFeedTopic(bootstrap);
    }
    List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    if (fromBeginning) {
      consumer.seekToBeginning(partitions);
    } else {
      consumer.seekToEnd(partitions);
    }
    long printed = 0;
    while (!stop.getAsBoolean()) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.value() != null && matches(record.value(), classUids)) {
          out.accept(record.value());
          printed++;
          if (maxEvents > 0 && printed >= maxEvents) {
            return printed;
          }
        }
      }
    }
    return printed;
  }

  /** Whether an event's {@code class_uid} is one of {@code classUids} (all when empty); non-JSON never matches a filter. */
  static boolean matches(String json, Set<Integer> classUids) {
    if (classUids.isEmpty()) {
      return true;
    }
    try {
      JsonNode classUid = JSON.readTree(json).get("class_uid");
      return classUid != null && classUids.contains(classUid.asInt());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return false;
    }
  }

  /** Interrupts a blocked poll from another thread (e.g. a shutdown hook). */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
