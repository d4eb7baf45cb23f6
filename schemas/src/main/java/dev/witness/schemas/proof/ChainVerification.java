package dev.witness.schemas.proof;

/**
 * The result of verifying a chain.
 *
 * @param verifiedEntries how many entries from the start were found intact
 * @param problem why the next entry breaks the chain, or null when all entries are intact
 */
public record ChainVerification(long verifiedEntries, String problem) {

  /** All {@code entries} are intact. */
  public static ChainVerification intact(long entries) {
    return new ChainVerification(entries, null);
  }

  /** The entry at {@code index} (counted from the first verified) breaks the chain. */
  public static ChainVerification brokenAt(long index, String problem) {
    return new ChainVerification(index, "entry " + index + ": " + problem);
  }

  /** Whether every entry is intact. */
  public boolean valid() {
    return problem == null;
  }
}
