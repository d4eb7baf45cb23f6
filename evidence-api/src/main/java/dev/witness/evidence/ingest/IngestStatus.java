package dev.witness.evidence.ingest;

import dev.witness.evidence.store.AppendResult;
import java.time.Instant;

/**
 * What the ingestor reports for readiness and metrics.
 *
 * @param state lifecycle state
 * @param ingested entries stored since start
 * @param duplicates re-delivered entries skipped since start
 * @param rechained skipped entries whose event the ledger had chained at another position (see
 *     {@code AppendResult}); non-zero means the stored chain has gaps
 * @param chainBreaks stored entries that did not continue their chain (see {@code chain_alerts})
 * @param lastIngestedAt when the last batch was committed to the store, null before the first
 * @param lag records behind the last stable offset over assigned partitions, null when unknown
 * @param lastError the failure of the last attempt, null once a batch succeeds again
 */
public record IngestStatus(State state, long ingested, long duplicates, long rechained, long chainBreaks,
    Instant lastIngestedAt, Long lag, String lastError) {

  /** A status without chain breaks. */
  public IngestStatus(State state, long ingested, long duplicates, long rechained, Instant lastIngestedAt, Long lag,
      String lastError) {
    this(state, ingested, duplicates, rechained, 0, lastIngestedAt, lag, lastError);
  }

  /** Lifecycle of the ingest thread. */
  public enum State { NEW, RUNNING, RETRYING, STOPPED, FAILED }

  static IngestStatus initial() {
    return new IngestStatus(State.NEW, 0, 0, 0, 0, null, null, null);
  }

  /** Whether the ingest thread is alive and consuming (possibly retrying a batch). */
  public boolean running() {
    return state == State.RUNNING || state == State.RETRYING;
  }

  IngestStatus withState(State newState, String error) {
    return new IngestStatus(newState, ingested, duplicates, rechained, chainBreaks, lastIngestedAt, lag, error);
  }

  IngestStatus withBatch(AppendResult batch, Instant at) {
    return new IngestStatus(State.RUNNING, ingested + batch.inserted(), duplicates + batch.duplicates(),
        rechained + batch.rechained(), chainBreaks + batch.chainBreaks().size(), at, lag, null);
  }

  IngestStatus withLag(Long newLag) {
    return new IngestStatus(state, ingested, duplicates, rechained, chainBreaks, lastIngestedAt, newLag, lastError);
  }
}
