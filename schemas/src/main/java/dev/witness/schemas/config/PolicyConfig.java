package dev.witness.schemas.config;

import java.util.List;

/**
 * The policy: ordered rules, the first match decides; {@code defaultDecision} otherwise.
 *
 * @param defaultDecision {@code allow} or {@code deny}
 * @param approvers the groups {@code require-approval} rules name
 */
public record PolicyConfig(String defaultDecision, List<PolicyRule> rules, ApproversConfig approvers) {

  public PolicyConfig {
    defaultDecision = defaultDecision == null ? "allow" : defaultDecision;
    rules = rules == null ? List.of() : List.copyOf(rules);
    approvers = approvers == null ? ApproversConfig.none() : approvers;
  }

  /** A policy without approver groups. */
  public PolicyConfig(String defaultDecision, List<PolicyRule> rules) {
    this(defaultDecision, rules, null);
  }

  public static PolicyConfig defaults() {
    return new PolicyConfig(null, null, null);
  }
}
