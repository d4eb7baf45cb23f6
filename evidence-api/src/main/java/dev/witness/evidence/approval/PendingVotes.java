package dev.witness.evidence.approval;

import dev.witness.schemas.event.ApprovalDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Votes received on {@code witness.approval-decisions}, by approval id: what approvers said about
 * an approval before the state machine's outcome reaches the ledger. Not evidence and not a
 * count: the state machine still decides which votes count. Bounded: at most
 * {@value #MAX_VOTES_PER_APPROVAL} votes per approval, and approvals without a vote since a cutoff are
 * dropped by {@link #prune}.
 */
public final class PendingVotes {

  static final int MAX_VOTES_PER_APPROVAL = 100;

  private final Map<String, List<ApprovalDecision>> byApproval = new ConcurrentHashMap<>();

  /** Adds a vote; a decision id seen before (re-delivery) is ignored. */
  public void record(ApprovalDecision vote) {
    byApproval.compute(vote.getApprovalId(), (id, votes) -> {
      List<ApprovalDecision> next = votes == null ? new ArrayList<>() : new ArrayList<>(votes);
      boolean seen = next.stream().anyMatch(v -> v.getDecisionId().equals(vote.getDecisionId()));
      if (!seen && next.size() < MAX_VOTES_PER_APPROVAL) {
        next.add(vote);
      }
      return List.copyOf(next);
    });
  }

  /** The votes received for an approval, in arrival order. */
  public List<ApprovalDecision> votes(String approvalId) {
    return byApproval.getOrDefault(approvalId, List.of());
  }

  /** Forgets approvals whose latest vote was decided before {@code cutoff}. */
  public void prune(Instant cutoff) {
    byApproval.values().removeIf(votes -> votes.stream().allMatch(v -> v.getDecidedAt().isBefore(cutoff)));
  }

  /** Number of approvals with votes held. */
  public int size() {
    return byApproval.size();
  }
}
