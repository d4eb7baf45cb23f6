package dev.witness.proxy.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands out the next sequence number of each session. Sessions named by the agent can span
 * connections, so the counters live per listener; the least recently used are dropped beyond
 * {@code maxSessions} to bound memory (a resumed session then restarts at 0, which consumers see
 * as a new run of the same session id).
 */
public final class SessionSequences {

  private final Map<String, long[]> counters;

  public SessionSequences(int maxSessions) {
    this.counters = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
        return size() > maxSessions;
      }
    };
  }

  /** Returns the next sequence of {@code sessionId}, starting at 0. */
  public synchronized long next(String sessionId) {
    return counters.computeIfAbsent(sessionId, k -> new long[1])[0]++;
  }

  /** Forgets a session that cannot be resumed (its connection closed). */
  public synchronized void forget(String sessionId) {
    counters.remove(sessionId);
  }

  public synchronized int size() {
    return counters.size();
  }
}
