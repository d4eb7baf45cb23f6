package dev.witness.evidence.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.checkpoint.ProofService;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.export.ExportService;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.store.LedgerEntryDao;
import dev.witness.evidence.store.SessionDao;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.TrustedKeys;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Optional;

/** Builds the evidence REST API; the caller starts it (or hands it to {@code JavalinTest}). */
public final class EvidenceApi {

  private EvidenceApi() {}

  /**
   * The whole API over {@code store}: {@code /healthz}, {@code /readyz} and {@code /openapi.json}
   * open, everything under {@code /v1} behind bearer tokens with the role each route declares.
   *
   * @param trustedKeys the checkpoint keys, whose public halves go into export bundles
   * @param exportKey signs export manifests; without one {@code POST /v1/exports} answers 503
   */
  public static Javalin create(EvidenceStore store, CheckpointStore checkpoints, TrustedKeys trustedKeys,
      Optional<SigningKey> exportKey, ApiAuthenticator authenticator, ReadinessProbe readiness) {
    ProofService proofs = new ProofService(store.jdbi(), checkpoints);
    Optional<ExportService> exports = exportKey.map(key ->
        new ExportService(store.jdbi(), checkpoints, proofs, trustedKeys, key));
    Javalin app = base(authenticator, readiness);
    SessionController.register(app, store.sessions(), store.ledger());
    EventController.register(app, store.ledger());
    CheckpointController.register(app, checkpoints, proofs);
    ExportController.register(app, exports);
    OpenApiController.register(app);
    return app;
  }

  /** As above without an export key: exports are refused. */
  public static Javalin create(EvidenceStore store, CheckpointStore checkpoints, TrustedKeys trustedKeys,
      ApiAuthenticator authenticator, ReadinessProbe readiness) {
    return create(store, checkpoints, trustedKeys, Optional.empty(), authenticator, readiness);
  }

  /** The read endpoints over sessions and events only (no checkpoints or exports). */
  public static Javalin create(SessionDao sessions, LedgerEntryDao ledger, ApiAuthenticator authenticator,
      ReadinessProbe readiness) {
    Javalin app = base(authenticator, readiness);
    SessionController.register(app, sessions, ledger);
    EventController.register(app, ledger);
    return app;
  }

  private static Javalin base(ApiAuthenticator authenticator, ReadinessProbe readiness) {
    ObjectMapper mapper = DocumentJson.mapper();
    Javalin app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.useVirtualThreads = false;
      config.jsonMapper(new JavalinJackson(mapper, false));
    });
    ProblemResponses problems = ProblemResponses.register(app, mapper);
    AccessControl.install(app, authenticator);
    HealthController.register(app, readiness, problems);
    return app;
  }

  /** The method and path of every endpoint of {@code app}, e.g. {@code GET /v1/sessions/{id}}. */
  public static List<String> routes(Javalin app) {
    return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
        .map(e -> e.getEndpoint())
        .filter(e -> e.getMethod().isHttpMethod())
        .map(e -> e.getMethod().name() + " " + e.getPath())
        .distinct()
        .sorted()
        .toList();
  }
}
