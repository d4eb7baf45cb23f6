package dev.witness.evidence.api;

import dev.witness.evidence.api.ReadinessProbe.Readiness;
import dev.witness.evidence.document.Formats;
import dev.witness.evidence.ingest.IngestStatus;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Liveness and readiness endpoints; unauthenticated, so they reveal no evidence. */
final class HealthController {

  private final ReadinessProbe probe;
  private final ProblemResponses problems;

  private HealthController(ReadinessProbe probe, ProblemResponses problems) {
    this.probe = probe;
    this.problems = problems;
  }

  static void register(Javalin app, ReadinessProbe probe, ProblemResponses problems) {
    HealthController c = new HealthController(probe, problems);
    app.get("/healthz", c::health);
    app.get("/readyz", c::ready);
  }

  void health(Context ctx) {
    ctx.json(Map.of("status", "ok"));
  }

  void ready(Context ctx) {
    Readiness r = probe.check();
    Map<String, Object> checks = new LinkedHashMap<>();
    checks.put("database", r.databaseReachable() ? "up" : "down");
    checks.put("ingestor", ingestor(r.ingest()));
    if (r.ready()) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "ready");
      body.putAll(checks);
      ctx.json(body);
      return;
    }
    String detail = !r.databaseReachable() ? "The evidence database is unreachable" : "The ledger ingestor is not running";
    problems.write(ctx, new Problem(Problem.TYPE_BASE + "not-ready", "Not Ready", 503, detail, checks));
  }

  private static Map<String, Object> ingestor(IngestStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (s == null) {
      m.put("state", "ABSENT");
      return m;
    }
    m.put("state", s.state().name());
    m.put("ingested", s.ingested());
    m.put("duplicates", s.duplicates());
    m.put("rechained", s.rechained());
    m.put("chainBreaks", s.chainBreaks());
    m.put("lag", s.lag());
    m.put("lastIngestedAt", Formats.timestamp(s.lastIngestedAt()));
    m.put("lastError", s.lastError());
    return m;
  }
}
