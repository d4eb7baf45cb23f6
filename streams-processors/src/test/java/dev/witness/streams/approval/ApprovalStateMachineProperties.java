package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ApprovalStateMachineProperties {

  private static final List<String> MEMBERS = List.of("alice@example.com", "bob@example.com", "U0CAROL", "dave@example.com");
  private static final String HUMAN = "dave@example.com";
  private static final long EXPIRES = 1_000L;
  private final ApprovalStateMachine machine = new ApprovalStateMachine(Map.of("dba", MEMBERS));

  @Property
  void approvedOnlyWithAQuorumOfDistinctEligiblePeople(
      @ForAll("votes") @Size(max = 12) List<Vote> votes, @ForAll @IntRange(min = 1, max = 3) int quorum) {
    ApprovalState state = run(votes, quorum);

    if (state.status() == ApprovalStatus.APPROVED) {
      Set<String> people = new HashSet<>();
      for (Vote v : state.votes()) {
        assertThat(v.approve()).isTrue();
        assertThat(MEMBERS.stream().anyMatch(v::isBy)).isTrue();
        assertThat(v.isBy(HUMAN)).isFalse();
        people.add(person(v));
      }
      assertThat(people).hasSize(state.votes().size()).hasSizeGreaterThanOrEqualTo(quorum);
    }
  }

  @Property
  void theDelegatingHumanNeverCounts(@ForAll("votes") @Size(max = 12) List<Vote> votes) {
    ApprovalState state = run(votes, 1);

    assertThat(state.votes()).noneMatch(v -> v.isBy(HUMAN));
  }

  @Property
  void rejectedOnlyByAnEligibleRejection(@ForAll("votes") @Size(max = 12) List<Vote> votes) {
    ApprovalState state = run(votes, 2);

    if (state.status() == ApprovalStatus.REJECTED) {
      Vote last = state.votes().get(state.votes().size() - 1);
      assertThat(last.approve()).isFalse();
      assertThat(MEMBERS.stream().anyMatch(last::isBy)).isTrue();
    }
  }

  @Property
  void aFinalStateIsTheLastWord(@ForAll("votes") @Size(max = 12) List<Vote> votes, @ForAll("votes") @Size(max = 6) List<Vote> more) {
    ApprovalState state = run(votes, 1);
    if (!state.status().isFinal()) {
      return;
    }
    ApprovalState after = state;
    for (Vote v : more) {
      after = machine.decide(after, v, 10).after();
    }
    assertThat(after).isEqualTo(state);
  }

  @Property
  void deliveringEveryVoteTwiceChangesNothing(@ForAll("votes") @Size(max = 12) List<Vote> votes) {
    ApprovalState once = run(votes, 2);
    ApprovalState state = pending(2);
    for (Vote v : votes) {
      state = machine.decide(state, v, 10).after();
      state = machine.decide(state, v, 10).after();
    }
    assertThat(state).isEqualTo(once);
  }

  @Property
  void nothingIsDecidedAfterExpiry(@ForAll("votes") @Size(min = 1, max = 6) List<Vote> votes) {
    ApprovalState state = pending(1);
    for (Vote v : votes) {
      state = machine.decide(state, v, EXPIRES).after();
    }
    assertThat(state.status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(state.votes()).isEmpty();
  }

  private ApprovalState run(List<Vote> votes, int quorum) {
    ApprovalState state = pending(quorum);
    for (Vote v : votes) {
      state = machine.decide(state, v, 10).after();
    }
    return state;
  }

  private static ApprovalState pending(int quorum) {
    return ApprovalState.pending("ap", "agent-1", HUMAN, "h", quorum, "dba", EXPIRES, 60_000);
  }

  private static String person(Vote v) {
    return v.approverEmail() != null ? v.approverEmail().toLowerCase() : v.approverId().toLowerCase();
  }

  @Provide
  Arbitrary<List<Vote>> votes() {
    // Some people appear under their Slack id, some under their e-mail, some not at all in the group.
    Arbitrary<String[]> people = Arbitraries.of(
        new String[] {"U0ALICE", "alice@example.com"}, new String[] {"U0BOB", "bob@example.com"},
        new String[] {"U0CAROL", null}, new String[] {"U0DAVE", "dave@example.com"},
        new String[] {"U0EVE", "eve@example.com"}, new String[] {"agent-1", null});
    Arbitrary<Vote> vote = Combinators.combine(Arbitraries.integers().between(1, 8), people, Arbitraries.of(true, true, false))
        .as((id, who, approve) -> new Vote("d" + id, who[0], who[1], approve, null, "slack", 5));
    return vote.list();
  }
}
