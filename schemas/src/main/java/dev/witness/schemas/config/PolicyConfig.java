package dev.witness.schemas.config;

import java.util.List;

/**
 * The policy: ordered rules, the first match decides; {@code defaultDecision} otherwise.
 *
 * @param defaultDecision {@code allow} or {@code deny}
 * @param approvers the groups {@code require-approval} rules name
 * @param pathTemplates HTTP path templates such as {@code /customers/{customerId}/orders}: a request
 *     path matching one (first match wins) has it as {@code request.http.template}; other paths get
 *     a derived template (id-like segments replaced by {@code {id}})
 */
public record PolicyConfig(String defaultDecision, List<PolicyRule> rules, ApproversConfig approvers,
    List<String> pathTemplates) {

  public PolicyConfig {
    defaultDecision = defaultDecision == null ? "allow" : defaultDecision;
    rules = rules == null ? List.of() : List.copyOf(rules);
    approvers = approvers == null ? ApproversConfig.none() : approvers;
    pathTemplates = pathTemplates == null ? List.of() : List.copyOf(pathTemplates);
  }

  /** A policy whose HTTP path templates are all derived. */
  public PolicyConfig(String defaultDecision, List<PolicyRule> rules, ApproversConfig approvers) {
    this(defaultDecision, rules, approvers, null);
  }

  /** A policy without approver groups. */
  public PolicyConfig(String defaultDecision, List<PolicyRule> rules) {
    this(defaultDecision, rules, null);
  }

  public static PolicyConfig defaults() {
    return new PolicyConfig(null, null, null, null);
  }
}
