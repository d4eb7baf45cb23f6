package dev.witness.evidence.store;

/** An event read back for the API: its ledger position and its JSON document text. */
public record StoredEvent(int ledgerPartition, long entrySequence, String eventJson) {}
