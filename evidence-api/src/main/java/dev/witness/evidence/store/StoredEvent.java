package dev.witness.evidence.store;

/** An event read back for the API: its causal and ledger positions and its JSON document text. */
public record StoredEvent(long sessionSequence, int eventRank, int ledgerPartition, long entrySequence,
    String eventJson) {}
