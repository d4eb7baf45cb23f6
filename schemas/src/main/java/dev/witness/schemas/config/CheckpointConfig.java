package dev.witness.schemas.config;

import java.time.Duration;

/**
 * How often the ledger is checkpointed and with which key ({@code streams.checkpoint}).
 *
 * @param everyEntries a checkpoint as soon as this many new ledger entries are reported
 * @param everyInterval otherwise a checkpoint this often while the ledger grows
 * @param signingKeyFile Ed25519 private key (PKCS#8 PEM); standalone: {@code <data-dir>/checkpoint-signing.key},
 *     created on first start; required when the streams processors run on their own
 */
public record CheckpointConfig(Long everyEntries, Duration everyInterval, String signingKeyFile) {

  /** Default of {@code everyEntries}. */
  public static final long DEFAULT_EVERY_ENTRIES = 1_000;

  /** Default of {@code everyInterval}. */
  public static final Duration DEFAULT_EVERY_INTERVAL = Duration.ofSeconds(5);

  public CheckpointConfig {
    everyEntries = everyEntries == null ? DEFAULT_EVERY_ENTRIES : everyEntries;
    everyInterval = everyInterval == null ? DEFAULT_EVERY_INTERVAL : everyInterval;
  }

  public static CheckpointConfig defaults() {
    return new CheckpointConfig(null, null, null);
  }

  /** A copy signing with the key in {@code file} (standalone puts it in the data dir). */
  public CheckpointConfig withSigningKeyFile(String file) {
    return new CheckpointConfig(everyEntries, everyInterval, file);
  }
}
