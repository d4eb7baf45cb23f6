package dev.witness.streams.policy;

import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.PolicyConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks what {@code ConfigValidator} in {@code schemas} cannot: that every {@code when} condition
 * compiles as CEL against the policy variables. The launcher calls it right after loading
 * {@code witness.yaml}, so a bad condition stops the start like any other configuration error.
 */
public final class PolicyCheck {

  private PolicyCheck() {}

  /** One line per problem, each starting with the field path, e.g. {@code policy.rules[2].when: ...}. */
  public static List<String> problems(PolicyConfig policy) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < policy.rules().size(); i++) {
      var rule = policy.rules().get(i);
      if (rule.when() == null || rule.when().isBlank()) {
        continue;
      }
      try {
        PolicyConditions.compile(rule.when());
      } catch (IllegalArgumentException e) {
        problems.add("policy.rules[" + i + "].when: rule '" + rule.id() + "' does not compile as CEL: "
            + e.getMessage().replace('\n', ' '));
      }
    }
    return problems;
  }

  /**
   * Throws when {@link #problems} finds any.
   *
   * @throws ConfigException naming each bad condition and CEL's message
   */
  public static void validate(PolicyConfig policy) {
    List<String> problems = problems(policy);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
