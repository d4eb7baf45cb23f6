package dev.witness.evidence.chain;

import dev.witness.evidence.store.LedgerRow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Checks newly stored ledger rows against the chain: each hash must match its event, entry 0 must
 * start from 32 zero bytes, and every other entry's previous hash must be the hash of the entry
 * before it, stored earlier or in the same batch. A missing predecessor is a gap.
 */
public final class ChainCheck {

  private static final byte[] GENESIS = new byte[32];

  private ChainCheck() {}

  /**
   * The breaks among {@code rows}.
   *
   * @param stored the hash stored at (partition, sequence), or null when there is no such entry
   */
  public static List<ChainBreak> check(List<LedgerRow> rows, BiFunction<Integer, Long, byte[]> stored) {
    Map<Long, byte[]> batch = new HashMap<>();
    for (LedgerRow r : rows) {
      batch.put(key(r.ledgerPartition(), r.entrySequence()), r.hash());
    }
    List<LedgerRow> ordered = new ArrayList<>(rows);
    ordered.sort(Comparator.comparingInt(LedgerRow::ledgerPartition).thenComparingLong(LedgerRow::entrySequence));
    List<ChainBreak> breaks = new ArrayList<>();
    for (LedgerRow r : ordered) {
      String problem = problem(r, batch, stored);
      if (problem != null) {
        breaks.add(new ChainBreak(r.ledgerPartition(), r.entrySequence(), r.eventId(), problem));
      }
    }
    return breaks;
  }

  private static String problem(LedgerRow r, Map<Long, byte[]> batch, BiFunction<Integer, Long, byte[]> stored) {
    if (!Arrays.equals(r.hash(), EntryHash.of(r.previousHash(), r.eventSchema(), r.eventAvro()))) {
      return "hash does not match the event (the event or its hash was altered)";
    }
    if (r.entrySequence() == 0) {
      return Arrays.equals(r.previousHash(), GENESIS) ? null : "entry 0 does not start from the zero hash";
    }
    long before = r.entrySequence() - 1;
    byte[] predecessor = batch.get(key(r.ledgerPartition(), before));
    if (predecessor == null) {
      predecessor = stored.apply(r.ledgerPartition(), before);
    }
    if (predecessor == null) {
      return "entry " + before + " of partition " + r.ledgerPartition() + " is missing (gap in the chain)";
    }
    return Arrays.equals(predecessor, r.previousHash()) ? null
        : "previousHash is not the hash of entry " + before + " (the chain is broken or forked)";
  }

  private static long key(int partition, long sequence) {
    // sequences stay far below 2^48; the partition takes the high bits
    return ((long) partition << 48) | sequence;
  }
}
