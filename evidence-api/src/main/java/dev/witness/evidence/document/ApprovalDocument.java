package dev.witness.evidence.document;

import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.RefusedDecision;
import java.util.List;

/**
 * The {@code approval} section of the three approval events; fields that an event does not carry
 * are absent.
 */
public record ApprovalDocument(String approvalId, String requestHash, List<String> rules, Integer quorum,
    String approverGroup, String expiresAt, String statement, String risk, String outcome, List<Vote> decisions,
    List<Refusal> refused) {

  static ApprovalDocument of(ApprovalRequested a) {
    return new ApprovalDocument(a.getApprovalId(), a.getRequestHash(), List.copyOf(a.getRules()), a.getQuorum(),
        a.getApproverGroup(), Formats.timestamp(a.getExpiresAt()), a.getStatement(), a.getRisk(), null, null, null);
  }

  static ApprovalDocument of(ApprovalDecided a) {
    return new ApprovalDocument(a.getApprovalId(), null, null, null, null, null, null, null, a.getOutcome().name(),
        a.getDecisions().stream().map(Vote::of).toList(),
        a.getRefused().isEmpty() ? null : a.getRefused().stream().map(Refusal::of).toList());
  }

  static ApprovalDocument of(ApprovalExpired a) {
    return new ApprovalDocument(a.getApprovalId(), null, null, null, null, null, null, null, "EXPIRED", null, null);
  }

  /**
   * One decision on the approval: an approver's vote, or the requesting side's cancel.
   *
   * @param kind {@code approve}, {@code reject} or {@code cancel} (the agent withdrew the request)
   */
  public record Vote(String decisionId, String kind, String channel, String approverId, String approverEmail,
      boolean approve, String reason, String decidedAt) {

    static Vote of(ApprovalDecision d) {
      return new Vote(d.getDecisionId(), kind(d), d.getChannel(), d.getApproverId(), d.getApproverEmail(),
          d.getApprove(), d.getReason(), Formats.timestamp(d.getDecidedAt()));
    }

    /** What {@code d} decided: {@code cancel} for a withdrawal, else {@code approve} or {@code reject}. */
    public static String kind(ApprovalDecision d) {
      if ("cancel".equals(d.getKind())) {
        return "cancel";
      }
      return d.getApprove() ? "approve" : "reject";
    }
  }

  /** A vote that did not count towards the approval, and why (not in the group, own request, duplicate). */
  public record Refusal(Vote decision, String why) {

    static Refusal of(RefusedDecision r) {
      return new Refusal(Vote.of(r.getDecision()), r.getWhy());
    }
  }
}
