package dev.witness.streams.approval;

import java.util.List;
import java.util.Objects;

/**
 * Everything the approval state machine knows of one approval.
 *
 * @param approvalId the approval's id
 * @param status where it stands
 * @param agentId the requesting agent
 * @param delegatingHuman the human who delegated the agent's task, who may not approve; or null
 * @param requestHash the {@link RequestHash} the approval is bound to
 * @param quorum distinct approvals needed
 * @param approverGroup the group approvers must be in; null = any configured group
 * @param expiresAtMicros when a pending approval expires
 * @param grantWindowMillis after approval, how long the same request passes again
 * @param votes counted votes, in arrival order
 * @param refused votes that did not count, in arrival order
 * @param decidedAtMicros when it reached its final state, 0 while pending
 * @param grantExpiresAtMicros until when the grant holds, 0 without a grant
 * @param grantScope what the grant covers: the exact request, or a time-boxed grant for the rules
 */
public record ApprovalState(
    String approvalId,
    ApprovalStatus status,
    String agentId,
    String delegatingHuman,
    String requestHash,
    int quorum,
    String approverGroup,
    long expiresAtMicros,
    long grantWindowMillis,
    List<Vote> votes,
    List<Refusal> refused,
    long decidedAtMicros,
    long grantExpiresAtMicros,
    GrantScope grantScope) {

  public ApprovalState {
    Objects.requireNonNull(approvalId, "approvalId");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(agentId, "agentId");
    Objects.requireNonNull(requestHash, "requestHash");
    votes = votes == null ? List.of() : List.copyOf(votes);
    refused = refused == null ? List.of() : List.copyOf(refused);
    grantScope = grantScope == null ? GrantScope.REQUEST : grantScope;
  }

  /** A new pending approval. */
  public static ApprovalState pending(String approvalId, String agentId, String delegatingHuman, String requestHash,
      int quorum, String approverGroup, long expiresAtMicros, long grantWindowMillis) {
    return new ApprovalState(approvalId, ApprovalStatus.PENDING, agentId, delegatingHuman, requestHash, quorum,
        approverGroup, expiresAtMicros, grantWindowMillis, List.of(), List.of(), 0, 0, GrantScope.REQUEST);
  }

  ApprovalState with(ApprovalStatus newStatus, List<Vote> newVotes, List<Refusal> newRefused, long decidedAt,
      long grantExpiresAt) {
    return with(newStatus, newVotes, newRefused, decidedAt, grantExpiresAt, grantScope);
  }

  ApprovalState with(ApprovalStatus newStatus, List<Vote> newVotes, List<Refusal> newRefused, long decidedAt,
      long grantExpiresAt, GrantScope scope) {
    return new ApprovalState(approvalId, newStatus, agentId, delegatingHuman, requestHash, quorum, approverGroup,
        expiresAtMicros, grantWindowMillis, newVotes, newRefused, decidedAt, grantExpiresAt, scope);
  }

  /** Approving votes counted so far. */
  public long approvals() {
    return votes.stream().filter(Vote::approve).count();
  }
}
