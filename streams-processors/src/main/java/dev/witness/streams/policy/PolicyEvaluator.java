package dev.witness.streams.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the policy: the rules in order, the first whose match lists and {@code when} condition
 * hold decides, the default decision otherwise. Method and protocol names compare case-insensitively; everything else exactly.
 */
public final class PolicyEvaluator {

  private static final Logger log = LoggerFactory.getLogger(PolicyEvaluator.class);

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

  /**
   * The decision for {@code request}. A {@code when} condition that cannot be evaluated denies
   * (fail closed): skipping it could let a deny or approval rule be passed over.
   */
  public PolicyDecision evaluate(PolicyRequest request) {
    Map<String, Object> variables = null;
    for (CompiledRule rule : rules) {
      if (!rule.matches(request)) {
        continue;
      }
      if (rule.hasCondition()) {
        if (variables == null) {
          variables = PolicyConditions.variables(request);
        }
        try {
          if (!rule.conditionHolds(variables)) {
            continue;
          }
        } catch (CelEvaluationException | IllegalStateException e) {
          log.warn("policy condition failed rule={} error={}", rule.id(), e.getMessage());
          return new PolicyDecision(Decision.DENY, List.of(rule.id()),
              "the condition of policy rule " + rule.id() + " could not be evaluated");
        }
      }
      return rule.outcome();
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
