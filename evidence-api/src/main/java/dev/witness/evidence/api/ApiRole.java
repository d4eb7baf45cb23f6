package dev.witness.evidence.api;

import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * What a route requires of its caller. A user holds roles by name ({@code apiUsers[].roles});
 * {@code admin} holds every role.
 */
public enum ApiRole implements RouteRole {
  /** Reads, replays, proves and exports evidence. */
  AUDITOR("auditor"),
  /** Answers approval requests. */
  APPROVER("approver");

  /** The configured role name that satisfies every route. */
  public static final String ADMIN = "admin";

  private final String configName;

  ApiRole(String configName) {
    this.configName = configName;
  }

  /** The name used in {@code apiUsers[].roles}. */
  public String configName() {
    return configName;
  }

  /** Whether a user with the configured {@code roles} may use a route requiring this role. */
  public boolean grantedTo(Set<String> roles) {
    return roles.contains(configName) || roles.contains(ADMIN);
  }
}
