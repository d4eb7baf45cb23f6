package dev.witness.evidence.store;

import java.util.List;

/** Where the ingestor appends ledger batches; {@link EvidenceStore} in production. */
@FunctionalInterface
public interface LedgerSink {

  /** Stores a batch atomically, idempotently by event id. */
  AppendResult append(List<NewEntry> entries);
}
