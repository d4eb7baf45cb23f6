package dev.witness.streams.policy;

import dev.witness.schemas.event.Decision;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of evaluating the policy for one request.
 *
 * @param decision what the proxy must do
 * @param rules ids of the rules that decided, or {@code ["default"]}
 * @param reason why, shown to the agent on deny; null when there is nothing to say
 */
public record PolicyDecision(Decision decision, List<String> rules, String reason) {

  public PolicyDecision {
    Objects.requireNonNull(decision, "decision");
    rules = List.copyOf(rules);
  }
}
