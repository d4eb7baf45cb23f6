package dev.witness.evidence.approval;

import dev.witness.schemas.event.ApprovalDecision;

/** Where API decisions go: {@code witness.approval-decisions}, keyed by approval id. */
public interface DecisionPublisher extends AutoCloseable {

  /**
   * Writes a decision and returns only once the broker acknowledged it durably.
   *
   * @throws DecisionNotRecorded when that could not be confirmed; the caller must not claim the
   *     decision was recorded
   */
  void publish(ApprovalDecision decision);

  @Override
  void close();

  /** The decision was not acknowledged by Kafka; nothing may be claimed about it. */
  final class DecisionNotRecorded extends RuntimeException {

    public DecisionNotRecorded(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
