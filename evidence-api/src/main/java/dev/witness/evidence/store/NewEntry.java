package dev.witness.evidence.store;

/** A ledger row to append and what it adds to its session if it is new. */
public record NewEntry(LedgerRow row, SessionDelta session) {}
