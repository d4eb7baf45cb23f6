package dev.witness.streams.policy;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.event.Decision;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating the policy for one request.
 *
 * @param decision what the proxy must do
 * @param rules ids of the rules that decided, or {@code ["default"]}
 * @param reason why, shown to the agent on deny; null when there is nothing to say
 * @param maskPlan the masking plan of an allowed request's responses (of a {@code REQUIRE_APPROVAL}
 *     one: once approved), or null for the default masking
 * @param approval how a {@code REQUIRE_APPROVAL} decision is approved; null otherwise
 */
public record PolicyDecision(
    Decision decision, List<String> rules, String reason, String maskPlan, ApprovalRequirement approval) {

  public PolicyDecision {
    Objects.requireNonNull(decision, "decision");
    rules = List.copyOf(rules);
    if (decision == Decision.REQUIRE_APPROVAL) {
      Objects.requireNonNull(approval, "approval");
    }
  }

  /** A decision without mask plan or approval. */
  public PolicyDecision(Decision decision, List<String> rules, String reason) {
    this(decision, rules, reason, null, null);
  }
}
