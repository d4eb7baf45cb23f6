package dev.witness.evidence.verify;

/**
 * One finding of a bundle verification.
 *
 * @param kind what was checked
 * @param status whether it held
 * @param subject what the finding is about, e.g. {@code event 0193… (line 5, partition 0, sequence 4)}
 * @param detail what was found
 */
public record Check(Kind kind, Status status, String subject, String detail) {

  /** The outcome of a check. */
  public enum Status { PASS, WARN, FAIL }

  /** What a check is about; each kind of tampering has its own. */
  public enum Kind {
    /** The bundle's files and manifest are readable. */
    FORMAT,
    /** Where the trusted public key comes from. */
    KEY,
    /** The manifest is signed by a trusted export key and unchanged since. */
    MANIFEST_SIGNATURE,
    /** The entries, their ids and hashes in file order, are the ones the signed manifest lists. */
    MANIFEST,
    /** A checkpoint's signature verifies with a trusted key. */
    CHECKPOINT_SIGNATURE,
    /** A checkpoint's root and sizes are consistent with its heads. */
    CHECKPOINT,
    /** An event's bytes match its hash and its readable document matches its bytes. */
    EVENT_MODIFIED,
    /** An entry the manifest lists is in the bundle. */
    EVENT_DELETED,
    /** Entries are in ledger order. */
    EVENTS_REORDERED,
    /** Every entry is one the manifest lists, once. */
    EVENT_INSERTED,
    /** Consecutive entries link by previous hash. */
    CHAIN_LINK,
    /** Entries are covered by the signed checkpoint (inclusion proof or recomputed partition root). */
    INCLUSION
  }

  static Check pass(Kind kind, String subject, String detail) {
    return new Check(kind, Status.PASS, subject, detail);
  }

  static Check warn(Kind kind, String subject, String detail) {
    return new Check(kind, Status.WARN, subject, detail);
  }

  static Check fail(Kind kind, String subject, String detail) {
    return new Check(kind, Status.FAIL, subject, detail);
  }

  @Override
  public String toString() {
    return status + " " + kind + " " + subject + ": " + detail;
  }
}
