package dev.witness.connectors.slack;

/** An approver's vote was not acknowledged by Kafka, so it must not be reported as recorded. */
public final class DecisionNotRecordedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DecisionNotRecordedException(String message, Throwable cause) {
    super(message, cause);
  }
}
