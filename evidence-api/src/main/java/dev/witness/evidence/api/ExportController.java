package dev.witness.evidence.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.evidence.bundle.CanonicalJson;
import dev.witness.evidence.checkpoint.ProofUnavailableException;
import dev.witness.evidence.export.ExportRequest;
import dev.witness.evidence.export.ExportService;
import dev.witness.evidence.export.ExportSummary;
import dev.witness.evidence.export.NoCheckpointException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /v1/exports}: writes the bundle of the posted filters to a temporary file first, so
 * a failure answers with a problem rather than a cut zip, then sends it as {@code application/zip}.
 */
final class ExportController {

  private static final Set<String> FIELDS = Set.of("agent", "resource", "session", "type", "from", "to", "risk",
      "decision");

  private final ExportService exports;

  private ExportController(ExportService exports) {
    this.exports = exports;
  }

  static void register(Javalin app, Optional<ExportService> exports) {
    if (exports.isPresent()) {
      app.post("/v1/exports", new ExportController(exports.get())::export, ApiRole.AUDITOR);
    } else {
      // an unsigned manifest would let deletions at the end of a range pass: no key, no export
      app.post("/v1/exports", ctx -> {
        throw ApiProblem.of("export-key-missing", "Exports Need An Export Key", 503,
            "exports are signed with the export key; set evidence.exportKeyFile", Map.of());
      }, ApiRole.AUDITOR);
    }
  }

  void export(Context ctx) throws IOException {
    QueryParams.of(ctx, Set.of());
    ExportRequest request = request(ctx.body());
    Path file = Files.createTempFile("witness-export-", ".zip");
    try {
      ExportSummary summary = exports.export(request, file, n -> { });
      ctx.contentType("application/zip");
      ctx.header("Content-Disposition", "attachment; filename=\"witness-export-" + summary.checkpointId() + ".zip\"");
      ctx.header("X-Witness-Events", Long.toString(summary.events()));
      ctx.header("X-Witness-Omitted-Not-Checkpointed", Long.toString(summary.omittedNotCheckpointed()));
      try (InputStream in = Files.newInputStream(file)) {
        in.transferTo(ctx.outputStream());
      }
    } catch (NoCheckpointException e) {
      throw ApiProblem.conflict("no-checkpoint", "No Checkpoint Yet", e.getMessage());
    } catch (ProofUnavailableException e) {
      throw ApiProblem.conflict("store-mismatch", "Store Disagrees With Checkpoint", e.getMessage());
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** The filters of the body, a JSON object of optional text members; an empty body exports everything. */
  static ExportRequest request(String body) {
    if (body == null || body.isBlank()) {
      return ExportRequest.all();
    }
    JsonNode json;
    try {
      json = CanonicalJson.read(body);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.badParameter("body", "not a JSON object of filters");
    }
    if (!json.isObject()) {
      throw ApiProblem.badParameter("body", "not a JSON object of filters");
    }
    for (Iterator<String> it = json.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!FIELDS.contains(name)) {
        throw ApiProblem.badParameter(name, "unknown filter; allowed are " + FIELDS.stream().sorted().toList());
      }
      if (!json.get(name).isTextual() || json.get(name).asText().isBlank()) {
        throw ApiProblem.badParameter(name, "must be a non-empty string");
      }
    }
    Instant from = instant(json, "from");
    Instant to = instant(json, "to");
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiProblem.badParameter("from", "must not be after 'to'");
    }
    return new ExportRequest(text(json, "agent"), text(json, "resource"), text(json, "session"),
        oneOf(json, "type", Filters.TYPES), from, to, oneOf(json, "risk", Filters.RISKS),
        oneOf(json, "decision", Filters.DECISIONS));
  }

  private static String text(JsonNode json, String name) {
    return json.hasNonNull(name) ? json.get(name).asText() : null;
  }

  private static String oneOf(JsonNode json, String name, Set<String> allowed) {
    String value = text(json, name);
    if (value != null && !allowed.contains(value)) {
      throw ApiProblem.badParameter(name, "must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  private static Instant instant(JsonNode json, String name) {
    String value = text(json, name);
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badParameter(name, "not an ISO-8601 instant like 2025-01-31T12:00:00Z");
    }
  }
}
