package dev.witness.evidence.chain;

/** A ledger entry that does not continue its partition's chain as stored, and why. */
public record ChainBreak(int partition, long sequence, String eventId, String problem) {}
