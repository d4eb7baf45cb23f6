package dev.witness.evidence.ingest;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Builds the ingestor's Kafka consumer of {@code witness.ledger}. */
public final class LedgerConsumers {

  /** The consumer group of every evidence API instance. */
  public static final String GROUP_ID = "witness-evidence";

  private LedgerConsumers() {}

  /**
   * The consumer settings. Values are read as raw bytes because the store keeps the exact event
   * bytes; offsets are committed by the ingestor after its database commit, never automatically;
   * read_committed because the ledger is written in Kafka transactions.
   *
   * @param overrides extra client settings (security, timeouts); they win over the defaults
   */
  public static Map<String, Object> config(String bootstrap, Map<String, Object> overrides) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP_ID);
    config.put(ConsumerConfig.CLIENT_ID_CONFIG, "witness-evidence-ingestor");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // a new group must start from the first entry: every entry is evidence
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.putAll(overrides);
    return config;
  }

  /** A consumer with {@link #config}. */
  public static Consumer<String, byte[]> create(String bootstrap, Map<String, Object> overrides) {
    return new KafkaConsumer<>(config(bootstrap, overrides));
  }
}
