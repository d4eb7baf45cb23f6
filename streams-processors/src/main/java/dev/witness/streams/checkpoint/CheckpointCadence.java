package dev.witness.streams.checkpoint;

import dev.witness.schemas.config.CheckpointConfig;
import java.time.Duration;

/**
 * When the ledger is checkpointed: a partition reports its root every {@code everyEntries} new
 * entries and, if it grew, every {@code everyInterval}; a checkpoint is signed as soon as the
 * reports add up to {@code everyEntries} new entries, and otherwise every {@code everyInterval}
 * if anything grew. An entry is therefore covered about {@code 2 × everyInterval} after it was
 * chained at the latest, sooner under load.
 *
 * @param everyEntries new entries that trigger a report and a checkpoint
 * @param everyInterval wall-clock period of reports and checkpoints otherwise
 */
public record CheckpointCadence(long everyEntries, Duration everyInterval) {

  public CheckpointCadence {
    if (everyEntries < 1) {
      throw new IllegalArgumentException("everyEntries: must be at least 1, got " + everyEntries);
    }
    if (everyInterval == null || everyInterval.isNegative() || everyInterval.isZero()) {
      throw new IllegalArgumentException("everyInterval: must be positive, got " + everyInterval);
    }
  }

  /** Every 1,000 entries or 5 seconds. */
  public static CheckpointCadence defaults() {
    return of(CheckpointConfig.defaults());
  }

  /** The cadence configured in {@code streams.checkpoint}. */
  public static CheckpointCadence of(CheckpointConfig config) {
    return new CheckpointCadence(config.everyEntries(), config.everyInterval());
  }
}
