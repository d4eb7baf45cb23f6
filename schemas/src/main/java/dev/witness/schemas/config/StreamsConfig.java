package dev.witness.schemas.config;

/**
 * Kafka Streams settings of the topologies.
 *
 * @param applicationId prefix of the topologies' application ids
 * @param stateDir local state directory; standalone puts it under the data dir
 * @param checkpoint cadence and signing key of the ledger checkpoints
 */
public record StreamsConfig(String applicationId, String stateDir, CheckpointConfig checkpoint) {

  public StreamsConfig {
    applicationId = applicationId == null ? "witness" : applicationId;
    checkpoint = checkpoint == null ? CheckpointConfig.defaults() : checkpoint;
  }

  /** Settings with the default checkpoints. */
  public StreamsConfig(String applicationId, String stateDir) {
    this(applicationId, stateDir, null);
  }

  public static StreamsConfig defaults() {
    return new StreamsConfig(null, null, null);
  }

  public StreamsConfig withStateDir(String stateDir) {
    return new StreamsConfig(applicationId, stateDir, checkpoint);
  }

  /** A copy with other checkpoint settings. */
  public StreamsConfig withCheckpoint(CheckpointConfig checkpoint) {
    return new StreamsConfig(applicationId, stateDir, checkpoint);
  }
}
