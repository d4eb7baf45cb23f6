package dev.witness.evidence.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which ledger entries to export: the auditor's filters (all optional; none exports everything
 * checkpointed). {@code decision} matches verdicts, {@code risk} events of that risk, as in the
 * event listing.
 */
public record ExportRequest(String agent, String resource, String session, String type, Instant from, Instant to,
    String risk, String decision) {

  /** Everything. */
  public static ExportRequest all() {
    return new ExportRequest(null, null, null, null, null, null, null, null);
  }

  /** The filters that are set, by name, for the manifest. */
  public Map<String, String> asMap() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "agent", agent);
    put(m, "resource", resource);
    put(m, "session", session);
    put(m, "type", type);
    put(m, "from", from == null ? null : from.toString());
    put(m, "to", to == null ? null : to.toString());
    put(m, "risk", risk);
    put(m, "decision", decision);
    return m;
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
