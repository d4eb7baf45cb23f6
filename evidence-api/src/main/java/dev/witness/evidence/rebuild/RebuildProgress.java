package dev.witness.evidence.rebuild;

/**
 * How far a rebuild is, reported after each batch.
 *
 * @param phase {@code ledger} or {@code checkpoints}
 * @param records records of the phase's topic read so far
 * @param total records to read in this phase (the end offsets when it began)
 * @param perSecond records per second so far in this phase
 */
public record RebuildProgress(String phase, long records, long total, double perSecond) {

  /** Seconds left at the current rate, or -1 when unknown. */
  public long etaSeconds() {
    return perSecond <= 0 ? -1 : (long) Math.ceil((total - records) / perSecond);
  }
}
