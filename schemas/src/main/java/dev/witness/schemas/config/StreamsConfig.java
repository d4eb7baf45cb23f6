package dev.witness.schemas.config;

/**
 * Kafka Streams settings of the topologies.
 *
 * @param applicationId prefix of the topologies' application ids
 * @param stateDir local state directory; standalone puts it under the data dir
 */
public record StreamsConfig(String applicationId, String stateDir) {

  public StreamsConfig {
    applicationId = applicationId == null ? "witness" : applicationId;
  }

  public static StreamsConfig defaults() {
    return new StreamsConfig(null, null);
  }

  public StreamsConfig withStateDir(String stateDir) {
    return new StreamsConfig(applicationId, stateDir);
  }
}
