package dev.witness.evidence.store;

import dev.witness.evidence.chain.ChainBreak;
import dev.witness.evidence.chain.ChainCheck;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The evidence database: appends ledger batches atomically and hands out DAOs for queries. */
public final class EvidenceStore implements LedgerSink {

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceStore.class);

  private final Jdbi jdbi;

  private EvidenceStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A store on {@code dataSource}; run {@link StoreMigrations#migrate} first. */
  public static EvidenceStore on(DataSource dataSource) {
    Jdbi jdbi = Jdbi.create(dataSource)
        .installPlugin(new SqlObjectPlugin())
        .installPlugin(new PostgresPlugin());
    return new EvidenceStore(jdbi);
  }

  /**
   * Appends a batch in one transaction: new rows are inserted and counted into their sessions,
   * rows whose event id is already stored are skipped, so re-delivered batches change nothing.
   * New rows are checked against the chain; breaks are recorded in {@code chain_alerts} in the
   * same transaction and returned (the rows are stored all the same: they are what the ledger said).
   */
  @Override
  public AppendResult append(List<NewEntry> entries) {
    if (entries.isEmpty()) {
      return new AppendResult(0, 0);
    }
    return jdbi.inTransaction(handle -> {
      // Kafka offsets are committed once this returns, so the commit must be on disk by then: a
      // server whose default is off (embedded PostgreSQL's is) could otherwise lose rows on a crash
      // that the ledger will never deliver again
      handle.execute("SET LOCAL synchronous_commit = on");
      LedgerEntryDao ledger = handle.attach(LedgerEntryDao.class);
      Set<String> fresh = LedgerBatchInsert.insert(handle.getConnection(),
          entries.stream().map(NewEntry::row).toList());
      // in session id order: batches stored side by side then lock shared sessions in one order, never deadlock
      Map<String, SessionDelta> sessions = new TreeMap<>();
      List<LedgerRow> skipped = new ArrayList<>();
      List<LedgerRow> inserted = new ArrayList<>();
      for (NewEntry entry : entries) {
        // remove: a second row with the same event id in one batch is a duplicate of the first
        if (fresh.remove(entry.row().eventId())) {
          inserted.add(entry.row());
          SessionDelta delta = entry.session();
          sessions.merge(delta.sessionId(), delta, SessionDelta::plus);
        } else {
          skipped.add(entry.row());
        }
      }
      if (!sessions.isEmpty()) {
        handle.attach(SessionDao.class).add(new ArrayList<>(sessions.values()));
      }
      int rechained = skipped.isEmpty() ? 0 : countRechained(ledger, skipped);
      ChainAlertDao alerts = handle.attach(ChainAlertDao.class);
      List<ChainBreak> breaks = ChainCheck.check(inserted, (partition, sequence) -> handle.createQuery(
              "SELECT hash FROM ledger_entries WHERE ledger_partition = :partition AND entry_sequence = :sequence")
          .bind("partition", partition)
          .bind("sequence", sequence)
          .map((rs, ctx) -> rs.getBytes(1))
          .findOne()
          .orElse(null));
      if (!breaks.isEmpty()) {
        alerts.insert(breaks);
      }
      return new AppendResult(inserted.size(), skipped.size(), rechained, breaks);
    });
  }

  /**
   * Counts skipped rows whose event is stored at another chain position. Re-delivery repeats the
   * position; a different one means the ledger chained one event twice, which leaves a gap in the
   * stored chain that a verifier will report, so it is logged here with both positions.
   */
  private static int countRechained(LedgerEntryDao ledger, List<LedgerRow> skipped) {
    Map<String, StoredPosition> stored = new HashMap<>();
    for (StoredPosition p : ledger.positions(skipped.stream().map(LedgerRow::eventId).distinct().toList())) {
      stored.put(p.eventId(), p);
    }
    int rechained = 0;
    for (LedgerRow row : skipped) {
      StoredPosition at = stored.get(row.eventId());
      if (at != null && (at.ledgerPartition() != row.ledgerPartition() || at.entrySequence() != row.entrySequence())) {
        rechained++;
        LOG.warn("ledger event chained twice eventId={} storedPartition={} storedSequence={} skippedPartition={} "
            + "skippedSequence={}", row.eventId(), at.ledgerPartition(), at.entrySequence(), row.ledgerPartition(),
            row.entrySequence());
      }
    }
    return rechained;
  }

  /** Whether the database answers a trivial query. */
  public boolean isReachable() {
    try {
      return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A DAO that takes a connection per call, for the API. */
  public SessionDao sessions() {
    return jdbi.onDemand(SessionDao.class);
  }

  /** A DAO that takes a connection per call. */
  public ChainAlertDao chainAlerts() {
    return jdbi.onDemand(ChainAlertDao.class);
  }

  /** The jdbi instance, for DAOs of other packages (checkpoints, exports). */
  public Jdbi jdbi() {
    return jdbi;
  }

  /** A DAO that takes a connection per call, for the API. */
  public LedgerEntryDao ledger() {
    return jdbi.onDemand(LedgerEntryDao.class);
  }
}
