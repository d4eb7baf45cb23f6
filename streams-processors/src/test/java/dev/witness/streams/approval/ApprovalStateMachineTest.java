package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalStateMachineTest {

  private static final long NOW = 1_000_000_000L;
  private static final long EXPIRES = NOW + 60_000_000L;
  private final ApprovalStateMachine machine = new ApprovalStateMachine(Map.of(
      "dba", List.of("alice@example.com", "U0BOB"),
      "sre", List.of("carol@example.com")));

  private static final String AGENT = "agent-1";

  private static ApprovalState pending(int quorum, String group) {
    return ApprovalState.pending("ap-1", "agent-1", "dave@example.com", "hash", quorum, group, EXPIRES, 900_000);
  }

  private static Vote vote(String decisionId, String id, String email, boolean approve) {
    return new Vote(decisionId, id, email, approve, null, "slack", NOW);
  }

  @Test
  void oneApprovalReachesAQuorumOfOneAndOpensTheGrantWindow() {
    Transition t = machine.decide(pending(1, "dba"), vote("d1", "U0ALICE", "alice@example.com", true), NOW);

    assertThat(t.after().status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(t.becameFinal()).isTrue();
    assertThat(t.after().decidedAtMicros()).isEqualTo(NOW);
    assertThat(t.after().grantExpiresAtMicros()).isEqualTo(NOW + 900_000_000L);
    assertThat(ApprovalStateMachine.grants(t.after(), NOW + 899_999_999L)).isTrue();
    assertThat(ApprovalStateMachine.grants(t.after(), NOW + 900_000_000L)).isFalse();
  }

  @Test
  void membersAreMatchedBySlackIdOrEmailIgnoringCase() {
    assertThat(machine.decide(pending(1, "dba"), vote("d1", "U0BOB", null, true), NOW).after().status())
        .isEqualTo(ApprovalStatus.APPROVED);
    assertThat(machine.decide(pending(1, "dba"), vote("d1", "U9", "ALICE@example.COM", true), NOW).after().status())
        .isEqualTo(ApprovalStatus.APPROVED);
  }

  @Test
  void withoutAGroupAMemberOfAnyGroupMayApprove() {
    assertThat(machine.decide(pending(1, null), vote("d1", "U7", "carol@example.com", true), NOW).after().status())
        .isEqualTo(ApprovalStatus.APPROVED);
    Transition outsider = machine.decide(pending(1, null), vote("d1", "U8", "eve@example.com", true), NOW);
    assertThat(outsider.after().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(outsider.refusal().why()).isEqualTo("not in any approver group");
  }

  @Test
  void oneRejectionRejects() {
    ApprovalState half = machine.decide(pending(2, "dba"), vote("d1", "U0BOB", null, true), NOW).after();

    Transition t = machine.decide(half, vote("d2", "U0ALICE", "alice@example.com", false), NOW);

    assertThat(t.after().status()).isEqualTo(ApprovalStatus.REJECTED);
    assertThat(t.after().votes()).hasSize(2);
  }

  @Test
  void aRejectionFromOutsideTheGroupDoesNotCount() {
    Transition t = machine.decide(pending(1, "dba"), vote("d1", "U7", "carol@example.com", false), NOW);

    assertThat(t.after().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(t.refusal().why()).isEqualTo("not in approver group dba");
  }

  @Test
  void theDelegatingHumanAndTheAgentCannotDecide() {
    ApprovalStateMachine open = new ApprovalStateMachine(Map.of("all", List.of("dave@example.com", "agent-1", "U0BOB")));

    Transition human = open.decide(pending(1, "all"), vote("d1", "U0DAVE", "Dave@Example.com", true), NOW);
    Transition agent = open.decide(pending(1, "all"), vote("d2", "agent-1", null, true), NOW);

    assertThat(human.after().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(human.refusal().why()).contains("delegating human");
    assertThat(agent.after().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(agent.refusal().why()).contains("requesting agent");
  }

  @Test
  void aRepeatedDecisionIdChangesNothing() {
    ApprovalState once = machine.decide(pending(2, "dba"), vote("d1", "U0BOB", null, true), NOW).after();

    Transition again = machine.decide(once, vote("d1", "U0BOB", null, true), NOW);

    assertThat(again.changed()).isFalse();
    assertThat(again.refusal()).isNull();
  }

  @Test
  void votesAfterTheFinalStateAreRefusedAndChangeNothing() {
    ApprovalState approved = machine.decide(pending(1, "dba"), vote("d1", "U0BOB", null, true), NOW).after();

    Transition late = machine.decide(approved, vote("d2", "U0ALICE", "alice@example.com", false), NOW);

    assertThat(late.changed()).isFalse();
    assertThat(late.after().status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(late.refusal().why()).isEqualTo("approval is already APPROVED");
  }

  @Test
  void expiresOnlyWhenItsTimeIsUp() {
    assertThat(machine.expire(pending(1, "dba"), EXPIRES - 1).changed()).isFalse();
    Transition t = machine.expire(pending(1, "dba"), EXPIRES);
    assertThat(t.after().status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(t.becameFinal()).isTrue();

    Transition late = machine.decide(pending(1, "dba"), vote("d1", "U0BOB", null, true), EXPIRES + 5);
    assertThat(late.after().status()).isEqualTo(ApprovalStatus.EXPIRED);
    assertThat(late.refusal().why()).isEqualTo("approval had expired");
  }

  @Test
  void cancelEndsOnlyAPendingApproval() {
    assertThat(machine.cancel(pending(1, "dba"), NOW).after().status()).isEqualTo(ApprovalStatus.CANCELLED);
    ApprovalState approved = machine.decide(pending(1, "dba"), vote("d1", "U0BOB", null, true), NOW).after();
    assertThat(machine.cancel(approved, NOW).changed()).isFalse();
  }

  @Test
  void theRequestingAgentWithdrawingItsRequestCancelsItAndLaterVotesAreRefused() {
    Vote cancel = Vote.cancel("c1", AGENT, "agent connection closed", "proxy", NOW);

    Transition t = machine.decide(pending(1, "dba"), cancel, NOW);

    assertThat(t.after().status()).isEqualTo(ApprovalStatus.CANCELLED);
    assertThat(t.becameFinal()).isTrue();
    assertThat(t.after().votes()).containsExactly(cancel);
    assertThat(t.after().approvals()).isZero();
    Transition late = machine.decide(t.after(), vote("d1", "U0BOB", null, true), NOW + 1);
    assertThat(late.changed()).isFalse();
    assertThat(late.after().status()).isEqualTo(ApprovalStatus.CANCELLED);
    assertThat(late.refusal().why()).isEqualTo("approval is already CANCELLED");
  }

  @Test
  void onlyTheRequestingAgentCanWithdrawAndNotAfterTheDecision() {
    Transition byOther = machine.decide(pending(1, "dba"), Vote.cancel("c1", "U0BOB", null, "proxy", NOW), NOW);
    assertThat(byOther.after().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(byOther.refusal().why()).isEqualTo("only the requesting agent can withdraw its request");

    ApprovalState approved = machine.decide(pending(1, "dba"), vote("d1", "U0BOB", null, true), NOW).after();
    Transition late = machine.decide(approved, Vote.cancel("c2", AGENT, null, "proxy", NOW + 1), NOW + 1);
    assertThat(late.after().status()).isEqualTo(ApprovalStatus.APPROVED);
    assertThat(late.refusal().why()).isEqualTo("approval is already APPROVED");
  }

  @Test
  void aCancelCannotApprove() {
    Vote cancel = new Vote("c1", AGENT, null, true, null, "proxy", NOW, GrantScope.REQUEST, true);

    assertThat(cancel.approve()).isFalse();
    assertThat(machine.decide(pending(1, "dba"), cancel, NOW).after().status()).isEqualTo(ApprovalStatus.CANCELLED);
  }

  @Test
  void anUnknownGroupLetsNobodyApprove() {
    Transition t = machine.decide(pending(1, "nobody"), vote("d1", "U0BOB", null, true), NOW);

    assertThat(t.after().status()).isEqualTo(ApprovalStatus.PENDING);
    assertThat(t.refusal().why()).contains("not configured");
  }

  @Test
  void aTimeBoxedGrantNeedsEveryCountedApproverToAskForIt() {
    Vote ruleByBob = new Vote("d1", "U0BOB", null, true, null, "slack", NOW, GrantScope.RULE);
    Vote ruleByAlice = new Vote("d2", "U0ALICE", "alice@example.com", true, null, "slack", NOW, GrantScope.RULE);
    Vote requestByAlice = new Vote("d3", "U0ALICE", "alice@example.com", true, null, "slack", NOW);

    assertThat(machine.decide(pending(1, "dba"), ruleByBob, NOW).after().grantScope()).isEqualTo(GrantScope.RULE);
    ApprovalState half = machine.decide(pending(2, "dba"), ruleByBob, NOW).after();
    assertThat(machine.decide(half, ruleByAlice, NOW).after().grantScope()).isEqualTo(GrantScope.RULE);
    assertThat(machine.decide(half, requestByAlice, NOW).after().grantScope()).isEqualTo(GrantScope.REQUEST);
  }
}
