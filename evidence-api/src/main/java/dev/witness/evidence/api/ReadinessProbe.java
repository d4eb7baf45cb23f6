package dev.witness.evidence.api;

import dev.witness.evidence.ingest.IngestStatus;

/** Reports what {@code /readyz} needs: database reachability and the ingestor's status. */
@FunctionalInterface
public interface ReadinessProbe {

  Readiness check();

  /** One readiness observation. */
  record Readiness(boolean databaseReachable, IngestStatus ingest) {

    /** Ready when the database answers and the ingestor thread is consuming. */
    public boolean ready() {
      return databaseReachable && ingest != null && ingest.running();
    }
  }
}
