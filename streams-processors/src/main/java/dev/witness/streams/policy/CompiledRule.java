package dev.witness.streams.policy;

import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.Decision;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** One policy rule prepared for matching: globs compiled, names upper-cased, outcome precomputed. */
final class CompiledRule {

  static final String APPROVAL_NOT_IMPLEMENTED = "approval required (approvals are not implemented yet)";

  private final Set<String> protocols;
  private final Set<String> resources;
  private final Set<String> agents;
  private final Set<String> methods;
  private final List<PathGlob> paths;
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
    this.outcome = outcome(rule, at);
  }

  boolean matches(PolicyRequest request) {
    return (protocols.isEmpty() || protocols.contains(request.protocol().toUpperCase(Locale.ROOT)))
        && (resources.isEmpty() || resources.contains(request.resource()))
        && (agents.isEmpty() || agents.contains(request.agentId()))
        && (methods.isEmpty()
            || request.method() != null && methods.contains(request.method().toUpperCase(Locale.ROOT)))
        && (paths.isEmpty() || request.path() != null && matchesAnyPath(request.path()));
  }

  PolicyDecision outcome() {
    return outcome;
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
      case "allow" -> new PolicyDecision(Decision.ALLOW, ids, rule.reason());
      case "deny" -> new PolicyDecision(Decision.DENY, ids,
          rule.reason() != null ? rule.reason() : "denied by policy rule " + rule.id());
      // Approvals are a later issue; until then the proxy denies anything that is not ALLOW.
      case "require-approval" -> new PolicyDecision(Decision.REQUIRE_APPROVAL, ids, APPROVAL_NOT_IMPLEMENTED);
      default -> throw new IllegalArgumentException(
          at + ".decision: '" + rule.decision() + "' is not one of allow, deny, require-approval");
    };
  }

  private static Set<String> upperCase(List<String> values) {
    return values.stream().map(v -> v.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }
}
