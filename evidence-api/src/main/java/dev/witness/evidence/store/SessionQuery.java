package dev.witness.evidence.store;

import java.time.Instant;

/**
 * Filters and page of a session listing, newest first. A session matches {@code from}/{@code to}
 * when it was active in that window: its last event at or after {@code from} and its first before
 * {@code to}. {@code afterStartedAt}/{@code afterSessionId} is the keyset cursor: the last session of the
 * previous page. {@code risk} ({@code low}, {@code medium}, {@code high}) and {@code decision} (a
 * verdict decision the session received at least once) narrow it further.
 */
public record SessionQuery(String agent, String resource, Instant from, Instant to, String risk, String decision,
    Instant afterStartedAt, String afterSessionId, int limit) {

  /** A query without risk or decision filters. */
  public SessionQuery(String agent, String resource, Instant from, Instant to, Instant afterStartedAt,
      String afterSessionId, int limit) {
    this(agent, resource, from, to, null, null, afterStartedAt, afterSessionId, limit);
  }


  public SessionQuery {
    if ((afterStartedAt == null) != (afterSessionId == null)) {
      throw new IllegalArgumentException("A cursor needs both afterStartedAt and afterSessionId");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /** The same query with a limit one higher, to learn whether another page exists. */
  public SessionQuery probingNextPage() {
    return new SessionQuery(agent, resource, from, to, risk, decision, afterStartedAt, afterSessionId, limit + 1);
  }
}
