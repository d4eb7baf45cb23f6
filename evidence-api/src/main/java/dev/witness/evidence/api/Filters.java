package dev.witness.evidence.api;

import dev.witness.evidence.document.EventType;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The auditor's filters shared by the session listing, the event listing and exports, read and
 * validated from query parameters.
 */
record Filters(String agent, String resource, Instant from, Instant to, String risk, String decision) {

  static final Set<String> NAMES = Set.of("agent", "resource", "from", "to", "risk", "decision");
  static final Set<String> RISKS = Set.of("low", "medium", "high");
  static final Set<String> DECISIONS = Set.of("ALLOW", "DENY", "REQUIRE_APPROVAL");
  static final Set<String> TYPES = Arrays.stream(EventType.values()).map(EventType::wireName)
      .collect(Collectors.toUnmodifiableSet());

  static Filters of(QueryParams params) {
    Instant from = params.instant("from");
    Instant to = params.instant("to");
    if (from != null && to != null && from.isAfter(to)) {
      throw ApiProblem.badParameter("from", "must not be after 'to'");
    }
    return new Filters(params.text("agent"), params.text("resource"), from, to, params.oneOf("risk", RISKS),
        params.oneOf("decision", DECISIONS));
  }
}
