package dev.witness.evidence.document;

import dev.witness.schemas.event.LedgerEntry;

/** Where an event sits in the hash chain of its ledger partition. */
public record LedgerPosition(int partition, long sequence, String hash, String previousHash, String recordedAt) {

  static LedgerPosition of(LedgerEntry entry) {
    return new LedgerPosition(
        entry.getPartition(),
        entry.getEntrySequence(),
        Formats.hex(entry.getHash()),
        Formats.hex(entry.getPreviousHash()),
        Formats.timestamp(entry.getRecordedAt()));
  }
}
