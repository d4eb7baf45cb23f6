package dev.witness.evidence.store;

import dev.witness.evidence.chain.ChainBreak;
import java.util.List;

/**
 * Outcome of appending one batch.
 *
 * @param inserted rows stored
 * @param duplicates rows skipped because their event id was already stored
 * @param rechained duplicates that came at another ledger position than the stored one: the ledger
 *     chained the same event twice, so the store's copy of that chain has a gap there
 * @param chainBreaks stored rows that do not continue their chain (recorded in {@code chain_alerts})
 */
public record AppendResult(int inserted, int duplicates, int rechained, List<ChainBreak> chainBreaks) {

  public AppendResult {
    chainBreaks = List.copyOf(chainBreaks);
  }

  /** A result without chain breaks. */
  public AppendResult(int inserted, int duplicates, int rechained) {
    this(inserted, duplicates, rechained, List.of());
  }

  /** A result without re-chained events or chain breaks. */
  public AppendResult(int inserted, int duplicates) {
    this(inserted, duplicates, 0);
  }
}
