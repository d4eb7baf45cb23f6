package dev.witness.schemas.config;

import java.util.List;

/**
 * Conditions of a rule; each absent list matches anything, and all present lists must match.
 *
 * @param protocols event protocols, e.g. {@code HTTP}
 * @param resources resource names, e.g. {@code http:demo}
 * @param agents agent ids
 * @param methods HTTP methods
 * @param paths path globs: {@code *} matches within a segment, {@code **} across segments
 */
public record RuleMatch(
    List<String> protocols, List<String> resources, List<String> agents, List<String> methods, List<String> paths) {

  public RuleMatch {
    protocols = protocols == null ? List.of() : List.copyOf(protocols);
    resources = resources == null ? List.of() : List.copyOf(resources);
    agents = agents == null ? List.of() : List.copyOf(agents);
    methods = methods == null ? List.of() : List.copyOf(methods);
    paths = paths == null ? List.of() : List.copyOf(paths);
  }

  public static RuleMatch any() {
    return new RuleMatch(null, null, null, null, null);
  }
}
