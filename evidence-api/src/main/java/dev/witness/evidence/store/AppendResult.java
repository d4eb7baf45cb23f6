package dev.witness.evidence.store;

/**
 * Outcome of appending one batch.
 *
 * @param inserted rows stored
 * @param duplicates rows skipped because their event id was already stored
 * @param rechained duplicates that came at another ledger position than the stored one: the ledger
 *     chained the same event twice, so the store's copy of that chain has a gap there
 */
public record AppendResult(int inserted, int duplicates, int rechained) {

  /** A result without re-chained events. */
  public AppendResult(int inserted, int duplicates) {
    this(inserted, duplicates, 0);
  }
}
