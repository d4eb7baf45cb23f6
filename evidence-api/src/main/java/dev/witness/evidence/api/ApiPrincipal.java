package dev.witness.evidence.api;

import java.util.Set;

/** An authenticated API user: its configured id and roles. */
public record ApiPrincipal(String id, Set<String> roles) {

  public ApiPrincipal {
    roles = Set.copyOf(roles);
  }

  /** Whether the user holds at least one of {@code anyOf}. */
  public boolean hasAnyRole(Set<String> anyOf) {
    return anyOf.stream().anyMatch(roles::contains);
  }
}
