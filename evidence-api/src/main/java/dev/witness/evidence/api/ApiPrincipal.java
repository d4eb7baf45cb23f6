package dev.witness.evidence.api;

import io.javalin.http.Context;
import java.util.Set;

/** An authenticated API user: its configured id and roles. */
public record ApiPrincipal(String id, Set<String> roles) {

  public ApiPrincipal {
    roles = Set.copyOf(roles);
  }

  /**
   * The user the access control authenticated for this request; for handlers of {@code /v1}
   * routes outside this package.
   *
   * @throws IllegalStateException when no user was authenticated (a route outside {@code /v1})
   */
  public static ApiPrincipal of(Context ctx) {
    ApiPrincipal principal = ctx.attribute(AccessControl.PRINCIPAL);
    if (principal == null) {
      throw new IllegalStateException("No authenticated user on " + ctx.path());
    }
    return principal;
  }

  /** Whether the user holds at least one of {@code anyOf}. */
  public boolean hasAnyRole(Set<String> anyOf) {
    return anyOf.stream().anyMatch(roles::contains);
  }
}
