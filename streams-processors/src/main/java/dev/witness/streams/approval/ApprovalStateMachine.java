package dev.witness.streams.approval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The approval state machine: {@code PENDING -> APPROVED | REJECTED | EXPIRED | CANCELLED}.
 *
 * <ul>
 *   <li>a vote counts only from a member of the approval's group (any configured group when it
 *       names none), matched by Slack id or e-mail address;
 *   <li>the requesting agent's delegating human, and the agent itself, cannot vote on its request;
 *   <li>{@code quorum} distinct people must approve; one rejection from an eligible approver rejects;
 *   <li>a vote repeated with the same decision id changes nothing (at-least-once delivery); a second
 *       vote of the same person is refused;
 *   <li>a pending approval expires at its {@code expiresAt}; a vote arriving later expires it;
 *   <li>the requesting agent withdrawing its request (a {@link Vote#cancel} from its proxy when the
 *       agent cancelled the statement or went away while it was held) cancels a pending approval;
 *       a cancel from anyone else is refused;
 *   <li>votes on a final approval are refused and leave it unchanged;
 *   <li>an approval grants the exact request for its grant window, or, when every counted approver
 *       asked for {@link GrantScope#RULE}, any request the same rules hold for that agent and resource.
 * </ul>
 * Refused votes are kept with the reason, so the final event records them.
 */
public final class ApprovalStateMachine {

  private final Map<String, List<String>> groups;

  /** @param groups approver groups by name (from {@code policy.approvers.groups}) */
  public ApprovalStateMachine(Map<String, List<String>> groups) {
    this.groups = Map.copyOf(groups);
  }

  /** Applies {@code vote} at {@code nowMicros}. */
  public Transition decide(ApprovalState state, Vote vote, long nowMicros) {
    Objects.requireNonNull(vote, "vote");
    if (state.votes().stream().anyMatch(v -> v.decisionId().equals(vote.decisionId()))
        || state.refused().stream().anyMatch(r -> r.vote().decisionId().equals(vote.decisionId()))) {
      return new Transition(state, state, null);
    }
    if (state.status().isFinal()) {
      // Not stored: the final event is already out and must stay the last word.
      return new Transition(state, state, new Refusal(vote, "approval is already " + state.status()));
    }
    if (nowMicros >= state.expiresAtMicros()) {
      Transition expired = expire(state, nowMicros);
      return new Transition(state, expired.after(), new Refusal(vote, "approval had expired"));
    }
    if (vote.cancel()) {
      return withdraw(state, vote, nowMicros);
    }
    String why = whyNotEligible(state, vote);
    if (why != null) {
      return refuse(state, vote, why);
    }
    if (state.votes().stream().anyMatch(v -> v.sameApprover(vote))) {
      return refuse(state, vote, "approver " + vote.approverId() + " has already decided");
    }
    List<Vote> votes = new ArrayList<>(state.votes());
    votes.add(vote);
    if (!vote.approve()) {
      return new Transition(state, state.with(ApprovalStatus.REJECTED, votes, state.refused(), nowMicros, 0), null);
    }
    if (votes.stream().filter(Vote::approve).count() >= state.quorum()) {
      long grantUntil = nowMicros + Duration.ofMillis(state.grantWindowMillis()).toNanos() / 1_000;
      // The narrowest scope any approver chose wins: a time-boxed grant needs every approver's consent.
      GrantScope scope = votes.stream().allMatch(v -> v.grantScope() == GrantScope.RULE) ? GrantScope.RULE : GrantScope.REQUEST;
      return new Transition(state,
          state.with(ApprovalStatus.APPROVED, votes, state.refused(), nowMicros, grantUntil, scope), null);
    }
    return new Transition(state, state.with(ApprovalStatus.PENDING, votes, state.refused(), 0, 0), null);
  }

  /** Expires a pending approval whose time is up at {@code nowMicros}; otherwise changes nothing. */
  public Transition expire(ApprovalState state, long nowMicros) {
    if (state.status().isFinal() || nowMicros < state.expiresAtMicros()) {
      return new Transition(state, state, null);
    }
    return new Transition(state,
        state.with(ApprovalStatus.EXPIRED, state.votes(), state.refused(), nowMicros, 0), null);
  }

  /** Cancels a pending approval (e.g. its request was withdrawn); a final one stays as it is. */
  public Transition cancel(ApprovalState state, long nowMicros) {
    if (state.status().isFinal()) {
      return new Transition(state, state, null);
    }
    return new Transition(state,
        state.with(ApprovalStatus.CANCELLED, state.votes(), state.refused(), nowMicros, 0), null);
  }

  private static Transition withdraw(ApprovalState state, Vote cancel, long nowMicros) {
    if (!cancel.isBy(state.agentId())) {
      return refuse(state, cancel, "only the requesting agent can withdraw its request");
    }
    List<Vote> votes = new ArrayList<>(state.votes());
    votes.add(cancel);
    return new Transition(state, state.with(ApprovalStatus.CANCELLED, votes, state.refused(), nowMicros, 0), null);
  }

  /** Whether a grant of {@code state} covers a request at {@code nowMicros}. */
  public static boolean grants(ApprovalState state, long nowMicros) {
    return state.status() == ApprovalStatus.APPROVED && nowMicros < state.grantExpiresAtMicros();
  }

  private String whyNotEligible(ApprovalState state, Vote vote) {
    if (vote.isBy(state.delegatingHuman())) {
      return "the delegating human of the requesting agent cannot decide on its request";
    }
    if (vote.isBy(state.agentId())) {
      return "the requesting agent cannot decide on its own request";
    }
    if (state.approverGroup() == null) {
      for (List<String> members : groups.values()) {
        if (isMember(members, vote)) {
          return null;
        }
      }
      return "not in any approver group";
    }
    List<String> members = groups.get(state.approverGroup());
    if (members == null) {
      return "approver group " + state.approverGroup() + " is not configured";
    }
    return isMember(members, vote) ? null : "not in approver group " + state.approverGroup();
  }

  private static boolean isMember(List<String> members, Vote vote) {
    for (String member : members) {
      if (vote.isBy(member)) {
        return true;
      }
    }
    return false;
  }

  private static Transition refuse(ApprovalState state, Vote vote, String why) {
    Refusal refusal = new Refusal(vote, why);
    List<Refusal> refused = new ArrayList<>(state.refused());
    refused.add(refusal);
    return new Transition(state,
        state.with(state.status(), state.votes(), refused, state.decidedAtMicros(), state.grantExpiresAtMicros()),
        refusal);
  }
}
