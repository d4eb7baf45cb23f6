package dev.witness.evidence.checkpoint;

/** Why an inclusion proof cannot be given; {@link Reason} tells the API which status to answer. */
public final class ProofUnavailableException extends RuntimeException {

  /** The kinds of refusal. */
  public enum Reason {
    /** No such event or checkpoint. */
    NOT_FOUND,
    /** No checkpoint covers the event yet. */
    NOT_COVERED,
    /** The store lacks entries the checkpoint covers, or they do not lead to its signed root. */
    STORE_MISMATCH
  }

  private final Reason reason;

  public ProofUnavailableException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
