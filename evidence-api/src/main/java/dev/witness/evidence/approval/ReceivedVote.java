package dev.witness.evidence.approval;

import dev.witness.evidence.document.ApprovalDocument;
import dev.witness.evidence.document.Formats;
import dev.witness.schemas.event.ApprovalDecision;

/** A vote as received on {@code witness.approval-decisions}, before the state machine counted it. */
public record ReceivedVote(String decisionId, String kind, String channel, String approverId, String approverEmail,
    boolean approve, String reason, String decidedAt) {

  static ReceivedVote of(ApprovalDecision d) {
    return new ReceivedVote(d.getDecisionId(), ApprovalDocument.Vote.kind(d), d.getChannel(), d.getApproverId(),
        d.getApproverEmail(), d.getApprove(), d.getReason(), Formats.timestamp(d.getDecidedAt()));
  }
}
