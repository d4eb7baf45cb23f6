package dev.witness.evidence.rebuild;

import java.time.Duration;

/**
 * What a rebuild re-materialized.
 *
 * @param chainBreaks entries that did not continue their chain (recorded in {@code chain_alerts} again)
 */
public record RebuildResult(long ledgerRecords, long ledgerInserted, long duplicates, long chainBreaks,
    long checkpointsStored, long checkpointsRejected, Duration took) {}
