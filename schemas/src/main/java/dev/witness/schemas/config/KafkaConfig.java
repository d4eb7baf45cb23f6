package dev.witness.schemas.config;

import java.time.Duration;

/**
 * Where Kafka is and how Witness topics are created.
 *
 * @param bootstrap bootstrap servers, {@code host:port[,host:port]}
 * @param partitions partitions of the session-keyed topics (requests, responses, ledger)
 * @param replyPartitions partitions of {@code witness.replies}: one per proxy instance at most
 * @param replicationFactor replication factor of created topics (1 on a single node)
 * @param rawRetention retention of {@code witness.responses.raw}
 * @param produceTimeout how long a proxy waits for a durable write before failing closed
 */
public record KafkaConfig(
    String bootstrap,
    Integer partitions,
    Integer replyPartitions,
    Short replicationFactor,
    Duration rawRetention,
    Duration produceTimeout) {

  public KafkaConfig {
    bootstrap = bootstrap == null ? "127.0.0.1:9092" : bootstrap;
    partitions = partitions == null ? 3 : partitions;
    replyPartitions = replyPartitions == null ? 8 : replyPartitions;
    replicationFactor = replicationFactor == null ? (short) 1 : replicationFactor;
    rawRetention = rawRetention == null ? Duration.ofHours(1) : rawRetention;
    produceTimeout = produceTimeout == null ? Duration.ofSeconds(5) : produceTimeout;
  }

  public static KafkaConfig defaults() {
    return new KafkaConfig(null, null, null, null, null, null);
  }

  public KafkaConfig withBootstrap(String bootstrap) {
    return new KafkaConfig(bootstrap, partitions, replyPartitions, replicationFactor, rawRetention, produceTimeout);
  }
}
