package dev.witness.evidence.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.store.LedgerEntryDao;
import dev.witness.evidence.store.SessionDao;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the evidence REST API; the caller starts it (or hands it to {@code JavalinTest}). */
public final class EvidenceApi {

  /** Roles that may read evidence. */
  public static final Set<String> AUDITOR_ROLES = Set.of("auditor", "admin");

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceApi.class);

  private EvidenceApi() {}

  /**
   * The API over the given DAOs: {@code /healthz} and {@code /readyz} open, everything under
   * {@code /v1} behind bearer tokens of auditors or admins.
   */
  public static Javalin create(SessionDao sessions, LedgerEntryDao ledger, ApiAuthenticator authenticator,
      ReadinessProbe readiness) {
    ObjectMapper mapper = DocumentJson.mapper();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.useVirtualThreads = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
    });
    ProblemResponses problems = ProblemResponses.register(app, mapper);
    app.before("/v1/*", new AccessControl(authenticator, AUDITOR_ROLES));
    app.after("/v1/*", ctx -> {
      ApiPrincipal user = ctx.attribute(AccessControl.PRINCIPAL);
      LOG.info("api request method={} path={} status={} user={}", ctx.method(), ctx.path(), ctx.statusCode(),
          user == null ? "-" : user.id());
    });
    HealthController.register(app, readiness, problems);
    SessionController.register(app, sessions, ledger);
    return app;
  }
}
