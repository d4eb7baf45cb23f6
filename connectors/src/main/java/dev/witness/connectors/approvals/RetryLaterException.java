package dev.witness.connectors.approvals;

/**
 * An approval event could not be delivered for a reason that passes (the receiver is down or
 * rate-limits, Kafka did not acknowledge): the {@link ApprovalFeed} retries the same event later.
 */
public final class RetryLaterException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public RetryLaterException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
