package dev.witness.evidence.store;

import java.time.Instant;

/** An event of the cross-session listing: its time and ledger position (the cursor) and its document. */
public record ListedEvent(Instant eventTime, int ledgerPartition, long entrySequence, String eventJson) {}
