package dev.witness.schemas.config;

/**
 * One policy rule.
 *
 * @param id stable id, recorded in verdicts
 * @param match what the rule applies to; an absent match applies to everything
 * @param decision {@code allow}, {@code deny} or {@code require-approval}
 * @param reason shown to the agent on deny and recorded
 */
public record PolicyRule(String id, String description, RuleMatch match, String decision, String reason) {

  public PolicyRule {
    match = match == null ? RuleMatch.any() : match;
  }
}
