package dev.witness.streams.ledger;

import java.time.Instant;

/**
 * Where the ledger chained an event, remembered by event id so a second delivery can be skipped.
 *
 * @param partition ledger partition of the chain
 * @param entrySequence the entry's position in that chain
 * @param recordedAt when the entry was recorded; the id is forgotten a retention after it
 */
record ChainedEvent(int partition, long entrySequence, Instant recordedAt) {}
