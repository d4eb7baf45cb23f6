package dev.witness.schemas.config;

/**
 * One policy rule.
 *
 * @param id stable id, recorded in verdicts
 * @param match what the rule applies to; an absent match applies to everything
 * @param decision {@code allow}, {@code deny}, {@code mask} or {@code require-approval}
 * @param reason shown to the agent on deny and recorded
 * @param when optional CEL condition over the classified request; the rule applies only when
 *     both {@code match} and {@code when} hold (variables in docs/configuration.md)
 * @param maskPlan name of the masking plan the responses get; required by {@code mask}
 * @param approval quorum, approver group and windows of {@code require-approval}; absent = defaults
 */
public record PolicyRule(
    String id,
    String description,
    RuleMatch match,
    String decision,
    String reason,
    String when,
    String maskPlan,
    ApprovalRequirement approval) {

  public PolicyRule {
    match = match == null ? RuleMatch.any() : match;
    approval = approval == null && "require-approval".equals(decision) ? ApprovalRequirement.defaults() : approval;
  }

  /** A rule without condition, mask plan or approval settings (the 0.1 form). */
  public PolicyRule(String id, String description, RuleMatch match, String decision, String reason) {
    this(id, description, match, decision, reason, null, null, null);
  }
}
