package dev.witness.evidence.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Set;

/** A before-handler that admits only bearer tokens of users holding one of the given roles. */
final class AccessControl implements Handler {

  /** Context attribute under which the authenticated {@link ApiPrincipal} is kept. */
  static final String PRINCIPAL = "witness.principal";

  private static final String PREFIX = "Bearer ";

  private final ApiAuthenticator authenticator;
  private final Set<String> roles;

  AccessControl(ApiAuthenticator authenticator, Set<String> roles) {
    this.authenticator = authenticator;
    this.roles = Set.copyOf(roles);
  }

  @Override
  public void handle(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || header.isBlank()) {
      throw ApiProblem.unauthorized("Send 'Authorization: Bearer <token>'", "Bearer realm=\"witness\"");
    }
    if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length()) || header.length() == PREFIX.length()) {
      throw ApiProblem.unauthorized("Only bearer tokens are accepted",
          "Bearer realm=\"witness\", error=\"invalid_request\"");
    }
    ApiPrincipal principal = authenticator.authenticate(header.substring(PREFIX.length()).trim())
        .orElseThrow(() -> ApiProblem.unauthorized("Unknown token",
            "Bearer realm=\"witness\", error=\"invalid_token\""));
    if (!principal.hasAnyRole(roles)) {
      throw ApiProblem.forbidden("User '" + principal.id() + "' needs one of the roles " + roles.stream().sorted().toList());
    }
    ctx.attribute(PRINCIPAL, principal);
  }
}
