package dev.witness.streams;

import org.apache.kafka.streams.StreamsConfig;

/** The processing guarantee a Witness Streams application runs with. */
public enum ProcessingGuarantee {

  /** For the interactive verdict and masking topologies: low latency, idempotent by event id. */
  AT_LEAST_ONCE(StreamsConfig.AT_LEAST_ONCE),

  /** For the ledger: a chain link and its store update commit together or not at all. */
  EXACTLY_ONCE_V2(StreamsConfig.EXACTLY_ONCE_V2);

  private final String configValue;

  ProcessingGuarantee(String configValue) {
    this.configValue = configValue;
  }

  /** The value of {@code processing.guarantee}. */
  public String configValue() {
    return configValue;
  }
}
