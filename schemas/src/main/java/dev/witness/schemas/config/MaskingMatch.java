package dev.witness.schemas.config;

import java.util.List;

/** Where a masking rule applies; each absent list matches anything, all present lists must match. */
public record MaskingMatch(List<String> resources, List<String> agents, List<String> purposes) {

  public MaskingMatch {
    resources = resources == null ? List.of() : List.copyOf(resources);
    agents = agents == null ? List.of() : List.copyOf(agents);
    purposes = purposes == null ? List.of() : List.copyOf(purposes);
  }

  public static MaskingMatch any() {
    return new MaskingMatch(null, null, null);
  }

  /** Whether a response of {@code resource}, {@code agent} and {@code purpose} is matched. */
  public boolean matches(String resource, String agent, String purpose) {
    return (resources.isEmpty() || resources.contains(resource))
        && (agents.isEmpty() || agents.contains(agent))
        && (purposes.isEmpty() || purposes.contains(purpose));
  }
}
