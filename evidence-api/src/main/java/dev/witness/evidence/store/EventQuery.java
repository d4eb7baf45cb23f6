package dev.witness.evidence.store;

import java.time.Instant;

/**
 * Filters and page of the cross-session event listing, oldest first by event time (ledger position
 * breaks ties). {@code from} is inclusive, {@code to} exclusive. {@code decision} matches verdicts
 * with that decision; {@code risk} matches events whose own risk it is (see docs/evidence-api.md).
 * {@code after*} is the keyset cursor: the last event of the previous page.
 */
public record EventQuery(String agent, String resource, String sessionId, String type, Instant from, Instant to,
    String risk, String decision, Instant afterTime, Integer afterPartition, Long afterEntry, int limit) {

  public EventQuery {
    if ((afterTime == null) != (afterPartition == null) || (afterTime == null) != (afterEntry == null)) {
      throw new IllegalArgumentException("A cursor needs afterTime, afterPartition and afterEntry");
    }
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
  }

  /** The same query with a limit one higher, to learn whether another page exists. */
  public EventQuery probingNextPage() {
    return new EventQuery(agent, resource, sessionId, type, from, to, risk, decision, afterTime, afterPartition,
        afterEntry, limit + 1);
  }
}
