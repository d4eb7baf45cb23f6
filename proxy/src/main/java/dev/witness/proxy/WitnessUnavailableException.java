package dev.witness.proxy;

/**
 * Witness could not record an event or get its reply in time, so the proxy fails closed: nothing
 * is forwarded to the target (request stage) or returned to the agent (response stage).
 */
public final class WitnessUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Which half of the exchange was withheld. */
  public enum Stage {
    /** The request was not forwarded. */
    REQUEST,
    /** The target's response was not returned. */
    RESPONSE
  }

  private final Stage stage;

  public WitnessUnavailableException(Stage stage, String reason, Throwable cause) {
    super(reason, cause);
    this.stage = stage;
  }

  public WitnessUnavailableException(Stage stage, String reason) {
    this(stage, reason, null);
  }

  public Stage stage() {
    return stage;
  }

  /** A short reason without payloads, secrets or broker details: safe to show the agent; the cause has the rest. */
  public String reason() {
    return getMessage();
  }
}
