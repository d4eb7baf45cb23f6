package dev.witness.schemas.config;

import java.util.List;

/**
 * The policy: ordered rules, the first match decides; {@code defaultDecision} otherwise.
 *
 * @param defaultDecision {@code allow} or {@code deny}
 */
public record PolicyConfig(String defaultDecision, List<PolicyRule> rules) {

  public PolicyConfig {
    defaultDecision = defaultDecision == null ? "allow" : defaultDecision;
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  public static PolicyConfig defaults() {
    return new PolicyConfig(null, null);
  }
}
