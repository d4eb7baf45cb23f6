package dev.witness.evidence.store;

/** Where an event id is stored in the ledger. */
public record StoredPosition(String eventId, int ledgerPartition, long entrySequence) {}
