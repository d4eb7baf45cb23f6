package dev.witness.schemas.config;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Who may approve: named groups of people, each person written as an e-mail address or a Slack
 * user id (a decision matches a member by either).
 *
 * @param groups group name to members, e.g. {@code dba: [alice@example.com, U0123ABCD]}
 */
public record ApproversConfig(Map<String, List<String>> groups) {

  public ApproversConfig {
    TreeMap<String, List<String>> copy = new TreeMap<>();
    if (groups != null) {
      groups.forEach((name, members) -> copy.put(name, members == null ? List.of() : List.copyOf(members)));
    }
    // Sorted, so the policy version does not depend on YAML key order.
    groups = Collections.unmodifiableSortedMap(copy);
  }

  public static ApproversConfig none() {
    return new ApproversConfig(null);
  }
}
