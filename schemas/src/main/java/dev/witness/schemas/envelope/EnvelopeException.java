package dev.witness.schemas.envelope;

/** A raw chunk that cannot be decrypted; the message names the key id, never key material or payload. */
public final class EnvelopeException extends Exception {

  /** Why a chunk could not be opened. */
  public enum Reason {
    /** Its key id is not in the key ring (retired, or a ring not yet distributed). */
    UNKNOWN_KEY,
    /** Authentication failed: payload, IV or bound identity changed, or another key of that id. */
    NOT_AUTHENTIC,
    /** No or malformed encryption metadata. */
    MALFORMED
  }

  private final Reason reason;

  public EnvelopeException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
