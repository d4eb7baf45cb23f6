package dev.witness.evidence.store;

import java.time.Instant;

/**
 * What newly stored events add to a session row: identity from the earliest event, time bounds,
 * and counter increments.
 */
public record SessionDelta(
    String sessionId,
    String agentId,
    String issuer,
    String delegatingHuman,
    String purpose,
    String resource,
    String protocol,
    Instant startedAt,
    Instant lastEventAt,
    long eventCount,
    long requestCount,
    long deniedCount,
    long authFailures,
    long allowedCount,
    long approvalCount) {

  /** The contribution of one event that is not an allowed or held verdict. */
  public static SessionDelta ofEvent(String sessionId, String agentId, String issuer, String delegatingHuman,
      String purpose, String resource, String protocol, Instant time, boolean request, boolean denied,
      boolean authFailure) {
    return ofEvent(sessionId, agentId, issuer, delegatingHuman, purpose, resource, protocol, time, request, denied,
        authFailure, false, false);
  }

  /** The contribution of one event, with the verdict it may be. */
  public static SessionDelta ofEvent(String sessionId, String agentId, String issuer, String delegatingHuman,
      String purpose, String resource, String protocol, Instant time, boolean request, boolean denied,
      boolean authFailure, boolean allowed, boolean approvalRequired) {
    return new SessionDelta(sessionId, agentId, issuer, delegatingHuman, purpose, resource, protocol, time, time,
        1, request ? 1 : 0, denied ? 1 : 0, authFailure ? 1 : 0, allowed ? 1 : 0, approvalRequired ? 1 : 0);
  }

  /** Both contributions to the same session as one. */
  public SessionDelta plus(SessionDelta other) {
    if (!sessionId.equals(other.sessionId)) {
      throw new IllegalArgumentException("Cannot merge sessions " + sessionId + " and " + other.sessionId);
    }
    SessionDelta first = other.startedAt.isBefore(startedAt) ? other : this;
    SessionDelta second = first == this ? other : this;
    return new SessionDelta(
        sessionId,
        first.agentId,
        first.issuer,
        firstPresent(first.delegatingHuman, second.delegatingHuman),
        firstPresent(first.purpose, second.purpose),
        first.resource,
        first.protocol,
        first.startedAt,
        lastEventAt.isAfter(other.lastEventAt) ? lastEventAt : other.lastEventAt,
        eventCount + other.eventCount,
        requestCount + other.requestCount,
        deniedCount + other.deniedCount,
        authFailures + other.authFailures,
        allowedCount + other.allowedCount,
        approvalCount + other.approvalCount);
  }

  // Purpose and delegating human are optional: both sides may lack them.
  private static String firstPresent(String first, String second) {
    return first != null ? first : second;
  }
}
