package dev.witness.evidence.checkpoint;

import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Reads the stored entry hashes of one ledger partition in chain order, checking there is no gap. */
final class PartitionHashes {

  private static final int FETCH_SIZE = 10_000;

  private PartitionHashes() {}

  /**
   * The hashes of entries {@code 0 .. size - 1} of {@code partition}.
   *
   * @throws MissingEntriesException if the store does not hold all of them (not ingested yet, or a gap)
   */
  static List<byte[]> read(Jdbi jdbi, int partition, long size) {
    // a transaction, so PostgreSQL streams with the fetch size instead of loading every row
    return jdbi.inTransaction(h -> {
      List<byte[]> hashes = new ArrayList<>((int) Math.min(size, 1 << 20));
      h.createQuery("""
              SELECT entry_sequence, hash FROM ledger_entries
              WHERE ledger_partition = :partition AND entry_sequence < :size
              ORDER BY entry_sequence
              """)
          .bind("partition", partition)
          .bind("size", size)
          .setFetchSize(FETCH_SIZE)
          .map((rs, ctx) -> {
            long sequence = rs.getLong(1);
            if (sequence != hashes.size()) {
              throw new MissingEntriesException(partition, hashes.size());
            }
            hashes.add(rs.getBytes(2));
            return null;
          })
          .forEach(ignored -> { });
      if (hashes.size() != size) {
        throw new MissingEntriesException(partition, hashes.size());
      }
      return hashes;
    });
  }

  /** The store lacks an entry a checkpoint covers. */
  static final class MissingEntriesException extends RuntimeException {

    MissingEntriesException(int partition, long sequence) {
      super("entry " + sequence + " of ledger partition " + partition + " is not in the evidence store", null, false,
          false);
    }
  }
}
