package dev.witness.evidence.api;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** Reads and validates query parameters, answering 400 naming the parameter on any bad value. */
final class QueryParams {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final Context ctx;

  private QueryParams(Context ctx) {
    this.ctx = ctx;
  }

  /**
   * Wraps the request's parameters after checking that it has only {@code allowed} ones, each
   * once: a misspelt filter must not silently widen an auditor's query.
   */
  static QueryParams of(Context ctx, Set<String> allowed) {
    ctx.queryParamMap().forEach((name, values) -> {
      if (!allowed.contains(name)) {
        throw ApiProblem.badParameter(name, "unknown parameter; allowed are " + allowed.stream().sorted().toList());
      }
      if (values.size() > 1) {
        throw ApiProblem.badParameter(name, "given " + values.size() + " times; give it once");
      }
    });
    return new QueryParams(ctx);
  }

  /** A non-empty text value, or null when absent. */
  String text(String name) {
    List<String> values = ctx.queryParams(name);
    if (values.isEmpty()) {
      return null;
    }
    String value = values.get(0);
    if (value.isBlank()) {
      throw ApiProblem.badParameter(name, "must not be empty");
    }
    return value;
  }

  /** A value out of {@code allowed} (compared as given), or null when absent. */
  String oneOf(String name, Set<String> allowed) {
    String value = text(name);
    if (value != null && !allowed.contains(value)) {
      throw ApiProblem.badParameter(name, "must be one of " + allowed.stream().sorted().toList());
    }
    return value;
  }

  /** An ISO-8601 instant such as {@code 2025-01-31T12:00:00Z}, or null when absent. */
  Instant instant(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badParameter(name, "not an ISO-8601 instant like 2025-01-31T12:00:00Z");
    }
  }

  /** The page size: {@value #DEFAULT_LIMIT} when absent, 1 to {@value #MAX_LIMIT} otherwise. */
  int limit() {
    String value = text("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw ApiProblem.badParameter("limit", "not an integer");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw ApiProblem.badParameter("limit", "must be between 1 and " + MAX_LIMIT);
    }
    return limit;
  }
}
