package dev.witness.evidence.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and authorization of {@code /v1}: every call needs a bearer token of a
 * configured user (else 401), and every route declares the {@link ApiRole}s that may call it
 * (else 403; a route that declares none is refused to everyone). Every attempt is logged, with
 * the user when known, never the token.
 */
final class AccessControl {

  /** Context attribute under which the authenticated {@link ApiPrincipal} is kept. */
  static final String PRINCIPAL = "witness.principal";
  /** The part of the API behind tokens. */
  static final String PROTECTED = "/v1/";

  private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
  private static final String PREFIX = "Bearer ";

  private final ApiAuthenticator authenticator;

  private AccessControl(ApiAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  /** Installs the checks and the access log on {@code app}. */
  static void install(Javalin app, ApiAuthenticator authenticator) {
    AccessControl c = new AccessControl(authenticator);
    // before every /v1 path, matched or not, so unknown endpoints reveal nothing without a token
    app.before(PROTECTED + "*", c::authenticate);
    app.beforeMatched(c::authorize);
    app.after(PROTECTED + "*", AccessControl::log);
  }

  private void authenticate(Context ctx) {
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
    ctx.attribute(PRINCIPAL, principal);
  }

  private void authorize(Context ctx) {
    if (!ctx.path().startsWith(PROTECTED)) {
      return;
    }
    ApiPrincipal principal = ctx.attribute(PRINCIPAL);
    Set<RouteRole> required = ctx.routeRoles();
    if (principal == null) {
      throw ApiProblem.unauthorized("Send 'Authorization: Bearer <token>'", "Bearer realm=\"witness\"");
    }
    for (RouteRole role : required) {
      if (role instanceof ApiRole r && r.grantedTo(principal.roles())) {
        return;
      }
    }
    Set<String> names = new TreeSet<>();
    required.forEach(r -> names.add(r instanceof ApiRole a ? a.configName() : r.toString()));
    throw ApiProblem.forbidden("User '" + principal.id() + "' needs one of the roles " + names);
  }

  private static void log(Context ctx) {
    ApiPrincipal user = ctx.attribute(PRINCIPAL);
    int status = ctx.statusCode();
    String outcome = status == 401 ? "unauthenticated" : status == 403 ? "forbidden" : "admitted";
    LOG.info("api access method={} path={} status={} outcome={} user={}", ctx.method(), ctx.path(), status, outcome,
        user == null ? "-" : user.id());
  }
}
