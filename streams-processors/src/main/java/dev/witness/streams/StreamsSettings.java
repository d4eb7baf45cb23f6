package dev.witness.streams;

import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndFailExceptionHandler;

/**
 * The {@code Properties} of a Witness Streams application. Interactive (at-least-once) applications
 * sit on the agent's request path and are tuned for latency (no linger, short fetch wait, 100 ms
 * commits). Applications nobody waits on (the SIEM feed at-least-once, the exactly-once ledger and
 * checkpoints) fetch in batches instead: on a small machine every wake-up they save is CPU the
 * request path does not have to wait for, and their own lag only grows by the batch wait.
 */
public final class StreamsSettings {

  /**
   * How long the broker holds an empty fetch of an interactive consumer. A record arriving completes
   * a held fetch at once (fetch.min.bytes is 1), so this does not delay replies; it only sets how
   * often an idle consumer wakes (and wakes the broker), CPU the request path then lacks.
   */
  static final int INTERACTIVE_FETCH_MAX_WAIT_MS = 100;

  /** Commit interval of at-least-once applications; bounds re-processing after a crash. */
  static final int INTERACTIVE_COMMIT_INTERVAL_MS = 100;

  /** Off the request path: a fetch waits for this many bytes... */
  static final int BACKGROUND_FETCH_MIN_BYTES = 64 * 1024;

  /** ...or this long, so a background application wakes a few times a second, not per event. */
  static final int BACKGROUND_FETCH_MAX_WAIT_MS = 100;

  /** Commit interval of at-least-once background applications. */
  static final int BACKGROUND_COMMIT_INTERVAL_MS = 1000;

  private StreamsSettings() {}

  /**
   * Settings of an at-least-once application off the request path (the SIEM feed): batched
   * fetches and 1 s commits; a crash re-sends at most about a second of idempotent (event id) records.
   */
  public static Properties background(String bootstrap, String applicationId, String stateDir, int replicationFactor) {
    Properties props = properties(bootstrap, applicationId, stateDir, ProcessingGuarantee.AT_LEAST_ONCE,
        replicationFactor);
    batchFetches(props);
    props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(BACKGROUND_COMMIT_INTERVAL_MS));
    return props;
  }

  /** Settings of an interactive (at-least-once) application. */
  public static Properties interactive(String bootstrap, String applicationId, String stateDir, int replicationFactor) {
    return properties(bootstrap, applicationId, stateDir, ProcessingGuarantee.AT_LEAST_ONCE, replicationFactor);
  }

  /** Settings of the ledger (exactly-once) application; its fetches are batched like {@link #background}'s. */
  public static Properties ledger(String bootstrap, String applicationId, String stateDir, int replicationFactor) {
    Properties props = properties(bootstrap, applicationId, stateDir, ProcessingGuarantee.EXACTLY_ONCE_V2,
        replicationFactor);
    batchFetches(props);
    return props;
  }

  private static void batchFetches(Properties props) {
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG),
        Integer.toString(BACKGROUND_FETCH_MIN_BYTES));
    props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        Integer.toString(BACKGROUND_FETCH_MAX_WAIT_MS));
  }

  /**
   * Settings for one application.
   *
   * @param bootstrap Kafka bootstrap servers
   * @param applicationId e.g. {@code TopologyNames.applicationId("witness", TopologyNames.LEDGER)}
   * @param stateDir local state directory; give each application its own or share one
   * @param guarantee processing guarantee
   * @param replicationFactor replication factor of internal topics (1 on a single node)
   */
  public static Properties properties(
      String bootstrap, String applicationId, String stateDir, ProcessingGuarantee guarantee, int replicationFactor) {
    requireText("bootstrap", bootstrap);
    requireText("applicationId", applicationId);
    requireText("stateDir", stateDir);
    Objects.requireNonNull(guarantee, "guarantee");
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replicationFactor: must be at least 1, got " + replicationFactor);
    }
    // String values only: Properties.getProperty and stringPropertyNames skip any other value type.
    Properties props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir);
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee.configValue());
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Integer.toString(replicationFactor));
    // Changelogs hold the ledger's chain heads and repartition topics carry evidence: like the
    // Witness topics, an acks=all write must reach a second replica wherever one exists.
    props.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
        Integer.toString(Math.min(2, replicationFactor)));
    props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1");
    // Write-ahead: a reply or ledger entry counts only once every in-sync replica has it.
    props.put(StreamsConfig.producerPrefix(ProducerConfig.ACKS_CONFIG), "all");
    if (guarantee == ProcessingGuarantee.AT_LEAST_ONCE) {
      props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), "0");
      props.put(StreamsConfig.consumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
          Integer.toString(INTERACTIVE_FETCH_MAX_WAIT_MS));
      props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Integer.toString(INTERACTIVE_COMMIT_INTERVAL_MS));
      // A record that cannot be read gets no reply; its proxy fails closed on timeout, the rest go on.
      props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
          LogAndContinueExceptionHandler.class.getName());
    } else {
      // Skipping evidence would be silent loss; stopping is visible as ledger lag.
      props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndFailExceptionHandler.class.getName());
    }
    return props;
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": missing");
    }
  }
}
