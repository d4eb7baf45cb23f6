package dev.witness.streams.policy;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates the policy: the rules in order, the first that matches decides, the default decision
 * otherwise. Method and protocol names compare case-insensitively; everything else exactly.
 */
public final class PolicyEvaluator {

  /** The rule id recorded when no rule matched. */
  public static final String DEFAULT_RULE = "default";

  private final List<CompiledRule> rules;
  private final PolicyDecision defaultOutcome;

  /**
   * Prepares {@code policy}.
   *
   * @throws IllegalArgumentException naming the field when the policy is not valid
   */
  public PolicyEvaluator(PolicyConfig policy) {
    List<CompiledRule> compiled = new ArrayList<>(policy.rules().size());
    for (int i = 0; i < policy.rules().size(); i++) {
      compiled.add(new CompiledRule(policy.rules().get(i), i));
    }
    this.rules = List.copyOf(compiled);
    this.defaultOutcome = defaultOutcome(policy.defaultDecision());
  }

  /** The decision for {@code request}. */
  public PolicyDecision evaluate(PolicyRequest request) {
    for (CompiledRule rule : rules) {
      if (rule.matches(request)) {
        return rule.outcome();
      }
    }
    return defaultOutcome;
  }

  private static PolicyDecision defaultOutcome(String decision) {
    return switch (decision) {
      case "allow" -> new PolicyDecision(Decision.ALLOW, List.of(DEFAULT_RULE), null);
      case "deny" -> new PolicyDecision(Decision.DENY, List.of(DEFAULT_RULE), "no policy rule allows this request");
      default -> throw new IllegalArgumentException(
          "policy.defaultDecision: '" + decision + "' is not allow or deny");
    };
  }
}
