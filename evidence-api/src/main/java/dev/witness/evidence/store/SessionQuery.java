package dev.witness.evidence.store;

import java.time.Instant;

/**
 * Filters and page of a session listing, newest first. A session matches {@code from}/{@code to}
 * when it was active in that window: its last event at or after {@code from} and its first before
 * {@code to}. {@code afterStartedAt}/{@code afterSessionId} is the keyset cursor: the last session of the
 * previous page.
 */
public record SessionQuery(String agent, String resource, Instant from, Instant to, Instant afterStartedAt,
    String afterSessionId, int limit) {

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
    return new SessionQuery(agent, resource, from, to, afterStartedAt, afterSessionId, limit + 1);
  }
}
