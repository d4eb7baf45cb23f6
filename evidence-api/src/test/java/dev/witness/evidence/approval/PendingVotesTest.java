package dev.witness.evidence.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.ApprovalDecision;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PendingVotesTest {

  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  private static ApprovalDecision vote(String approvalId, String decisionId, Instant at) {
    return ApprovalDecision.newBuilder().setDecisionId(decisionId).setApprovalId(approvalId).setChannel("api")
        .setApproverId("u-" + decisionId).setApprove(true).setDecidedAt(at).build();
  }

  @Test
  void keepsVotesPerApprovalOnceEach() {
    PendingVotes votes = new PendingVotes();
    votes.record(vote("a", "d1", T0));
    votes.record(vote("a", "d2", T0));
    votes.record(vote("a", "d1", T0));
    votes.record(vote("b", "d3", T0));
    assertThat(votes.votes("a")).extracting(ApprovalDecision::getDecisionId).containsExactly("d1", "d2");
    assertThat(votes.votes("b")).hasSize(1);
    assertThat(votes.votes("c")).isEmpty();
  }

  @Test
  void boundedPerApprovalAndPrunedByAge() {
    PendingVotes votes = new PendingVotes();
    for (int i = 0; i < PendingVotes.MAX_VOTES_PER_APPROVAL + 10; i++) {
      votes.record(vote("a", "d" + i, T0));
    }
    votes.record(vote("b", "old", T0));
    votes.record(vote("b", "new", T0.plusSeconds(3600)));
    assertThat(votes.votes("a")).hasSize(PendingVotes.MAX_VOTES_PER_APPROVAL);
    votes.prune(T0.plusSeconds(60));
    assertThat(votes.votes("a")).isEmpty();
    assertThat(votes.votes("b")).hasSize(2);
    assertThat(votes.size()).isEqualTo(1);
  }
}
