package dev.witness.evidence.api;

import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.checkpoint.ProofService;
import dev.witness.evidence.checkpoint.ProofUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Set;

/** Signed checkpoints and inclusion proofs of events in them. */
final class CheckpointController {

  private final CheckpointStore checkpoints;
  private final ProofService proofs;

  private CheckpointController(CheckpointStore checkpoints, ProofService proofs) {
    this.checkpoints = checkpoints;
    this.proofs = proofs;
  }

  static void register(Javalin app, CheckpointStore checkpoints, ProofService proofs) {
    CheckpointController c = new CheckpointController(checkpoints, proofs);
    app.get("/v1/checkpoints/latest", c::latest, ApiRole.AUDITOR);
    app.get("/v1/events/{id}/proof", c::proof, ApiRole.AUDITOR);
  }

  void latest(Context ctx) {
    QueryParams.of(ctx, Set.of());
    ctx.json(checkpoints.latest().orElseThrow(() -> ApiProblem.notFound("No checkpoint has been stored yet")));
  }

  void proof(Context ctx) {
    QueryParams params = QueryParams.of(ctx, Set.of("checkpoint"));
    String selector = params.text("checkpoint");
    try {
      ctx.json(proofs.prove(ctx.pathParam("id"), selector == null ? ProofService.FIRST : selector));
    } catch (ProofUnavailableException e) {
      throw switch (e.reason()) {
        case NOT_FOUND -> ApiProblem.notFound(e.getMessage());
        case NOT_COVERED -> ApiProblem.conflict("not-covered", "Not Yet Checkpointed", e.getMessage());
        case STORE_MISMATCH -> ApiProblem.conflict("store-mismatch", "Store Disagrees With Checkpoint",
            e.getMessage());
      };
    }
  }
}
