package dev.witness.proxy.session;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Hands out the next sequence number of each session. Sessions named by the agent span
 * connections and protocols (an agent's HTTP/MCP calls and the SQL its tool runs through the
 * PostgreSQL proxy, joined by {@code X-Witness-Session} and {@code -c witness.session=}), so every
 * listener of a process shares one table: a joined session's events get one ordered, gap-free
 * sequence whichever proxy saw them. The least recently used sessions are dropped beyond the
 * largest {@code maxSessions} asked for, to bound memory (a resumed session then restarts at 0,
 * which consumers see as a new run of the same session id). Proxies in different processes count
 * apart; the evidence API then orders a joined session's events by time.
 */
public final class SessionSequences {

  private static final Table SHARED = new Table(0);

  private final Table table;

  /** The process-wide sequences, keeping at least {@code maxSessions} sessions. */
  public SessionSequences(int maxSessions) {
    this(SHARED);
    SHARED.raiseBound(maxSessions);
  }

  private SessionSequences(Table table) {
    this.table = table;
  }

  /** Sequences of their own, shared with no listener (tests of the bound). */
  public static SessionSequences isolated(int maxSessions) {
    return new SessionSequences(new Table(maxSessions));
  }

  /** Returns the next sequence of {@code sessionId}, starting at 0. */
  public long next(String sessionId) {
    return table.next(sessionId);
  }

  /** Forgets a session that cannot be resumed (its connection closed). */
  public void forget(String sessionId) {
    table.forget(sessionId);
  }

  public int size() {
    return table.size();
  }

  /** A bounded, least-recently-used table of counters. */
  private static final class Table {
    private int bound;
    private final Map<String, long[]> counters = new LinkedHashMap<>(1024, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
        return size() > bound;
      }
    };

    Table(int bound) {
      this.bound = bound;
    }

    synchronized void raiseBound(int atLeast) {
      bound = Math.max(bound, atLeast);
    }

    synchronized long next(String sessionId) {
      return counters.computeIfAbsent(sessionId, k -> new long[1])[0]++;
    }

    synchronized void forget(String sessionId) {
      counters.remove(sessionId);
    }

    synchronized int size() {
      return counters.size();
    }
  }
}
