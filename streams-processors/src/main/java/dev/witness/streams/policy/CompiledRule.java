package dev.witness.streams.policy;

import dev.cel.runtime.CelEvaluationException;
import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.Decision;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** One policy rule prepared for matching: globs compiled, names upper-cased, outcome precomputed. */
final class CompiledRule {

  private final Set<String> protocols;
  private final Set<String> resources;
  private final Set<String> agents;
  private final Set<String> methods;
  private final List<PathGlob> paths;
  private final PolicyConditions.Condition condition;
  private final String id;
  private final PolicyDecision outcome;

  CompiledRule(PolicyRule rule, int index) {
    String at = "policy.rules[" + index + "]";
    if (rule.id() == null || rule.id().isBlank()) {
      throw new IllegalArgumentException(at + ".id: missing; give every rule a stable id, it is recorded in verdicts");
    }
    RuleMatch match = rule.match();
    this.protocols = upperCase(match.protocols());
    this.resources = Set.copyOf(match.resources());
    this.agents = Set.copyOf(match.agents());
    this.methods = upperCase(match.methods());
    this.paths = match.paths().stream().map(PathGlob::compile).toList();
    this.id = rule.id();
    this.condition = rule.when() == null ? null : compileCondition(rule, at);
    this.outcome = outcome(rule, at);
  }

  /** Whether the match lists fit; {@link #conditionHolds} is the second half of a match. */
  boolean matches(PolicyRequest request) {
    return (protocols.isEmpty() || protocols.contains(request.protocol().toUpperCase(Locale.ROOT)))
        && (resources.isEmpty() || resources.contains(request.resource()))
        && (agents.isEmpty() || agents.contains(request.agentId()))
        && (methods.isEmpty()
            || request.method() != null && methods.contains(request.method().toUpperCase(Locale.ROOT)))
        && (paths.isEmpty() || request.path() != null && matchesAnyPath(request.path()));
  }

  /**
   * Whether the {@code when} condition holds (true without one).
   *
   * @throws CelEvaluationException when the condition cannot be evaluated
   */
  boolean conditionHolds(Map<String, Object> variables) throws CelEvaluationException {
    return condition == null || condition.test(variables);
  }

  boolean hasCondition() {
    return condition != null;
  }

  String id() {
    return id;
  }

  PolicyDecision outcome() {
    return outcome;
  }

  private static PolicyConditions.Condition compileCondition(PolicyRule rule, String at) {
    try {
      return PolicyConditions.compile(rule.when());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(at + ".when: rule '" + rule.id() + "' does not compile as CEL: "
          + e.getMessage().replace('\n', ' '), e);
    }
  }

  private boolean matchesAnyPath(String path) {
    for (PathGlob glob : paths) {
      if (glob.matches(path)) {
        return true;
      }
    }
    return false;
  }

  private static PolicyDecision outcome(PolicyRule rule, String at) {
    List<String> ids = List.of(rule.id());
    return switch (rule.decision() == null ? "" : rule.decision()) {
      case "allow" -> new PolicyDecision(Decision.ALLOW, ids, rule.reason(), rule.maskPlan(), null);
      case "mask" -> {
        if (rule.maskPlan() == null || rule.maskPlan().isBlank()) {
          throw new IllegalArgumentException(at + ".maskPlan: missing; decision mask needs the name of the masking plan");
        }
        yield new PolicyDecision(Decision.ALLOW, ids, rule.reason(), rule.maskPlan(), null);
      }
      case "deny" -> new PolicyDecision(Decision.DENY, ids,
          rule.reason() != null ? rule.reason() : "denied by policy rule " + rule.id());
      // The plan the responses get once approved: carried through the approval to its ALLOW verdict.
      case "require-approval" -> new PolicyDecision(Decision.REQUIRE_APPROVAL, ids,
          rule.reason() != null ? rule.reason() : "approval required by policy rule " + rule.id(),
          rule.maskPlan() == null || rule.maskPlan().isBlank() ? null : rule.maskPlan(),
          rule.approval() != null ? rule.approval() : ApprovalRequirement.defaults());
      default -> throw new IllegalArgumentException(
          at + ".decision: '" + rule.decision() + "' is not one of allow, deny, mask, require-approval");
    };
  }

  private static Set<String> upperCase(List<String> values) {
    return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
