package dev.witness.streams.approval;

import java.util.Objects;

/**
 * One approval as the approval topology stores it.
 *
 * @param state the state machine's view
 * @param subject the request it is about
 */
public record StoredApproval(ApprovalState state, ApprovalSubject subject) {

  public StoredApproval {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(subject, "subject");
  }

  StoredApproval with(ApprovalState newState) {
    return new StoredApproval(newState, subject);
  }
}
