package dev.witness.evidence.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Inserts a whole batch of ledger rows with binary {@code COPY}, skipping event ids already stored,
 * and returns the ids it inserted. Binary COPY spares the text quoting and array parsing of the
 * event bytes and documents that an array-bound insert spent most of its time on. COPY cannot skip
 * duplicates itself, so the ids already stored are looked up first and left out. Should another
 * ingestor insert one of the same events meanwhile (a rebalance), the COPY fails on the unique
 * event id; it is then rolled back to a savepoint and the batch goes the race-proof way: COPY into a
 * transaction-scoped temporary table, then one {@code INSERT ... SELECT ... ON CONFLICT (event_id)
 * DO NOTHING}, which waits for the other transaction and skips what it stored.
 */
final class LedgerBatchInsert {

  // ON COMMIT DELETE ROWS: the rows live for one transaction; the table for the connection's life
  private static final String STAGING = """
      CREATE TEMPORARY TABLE IF NOT EXISTS witness_ledger_staging (
          n integer NOT NULL, ledger_partition integer, entry_sequence bigint, event_id text, session_id text,
          event_type text, event_time timestamptz, recorded_at timestamptz, agent_id text, purpose text,
          resource text, protocol text, request_id text, previous_hash bytea, hash bytea, ledger_schema_id integer,
          event_schema text, event_avro bytea, event_json jsonb)
      ON COMMIT DELETE ROWS
      """;

  private static final String COPY = "COPY pg_temp.witness_ledger_staging (" + LedgerCopyStream.COLUMNS
      + ") FROM STDIN (FORMAT binary)";

  private static final String COPY_DIRECT = "COPY ledger_entries (" + LedgerCopyStream.TABLE_COLUMNS
      + ") FROM STDIN (FORMAT binary)";

  private static final String STORED = "SELECT event_id FROM ledger_entries WHERE event_id = ANY (?)";

  private static final String UNIQUE_VIOLATION = "23505";

  private static final String INSERT = """
      INSERT INTO ledger_entries (ledger_partition, entry_sequence, event_id, session_id, event_type, event_time,
          recorded_at, agent_id, purpose, resource, protocol, request_id, previous_hash, hash, ledger_schema_id,
          event_schema, event_avro, event_json)
      SELECT ledger_partition, entry_sequence, event_id, session_id, event_type, event_time, recorded_at, agent_id,
          purpose, resource, protocol, request_id, previous_hash, hash, ledger_schema_id, event_schema, event_avro,
          event_json
      FROM pg_temp.witness_ledger_staging
      ORDER BY n
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private LedgerBatchInsert() {}

  /**
   * Inserts {@code rows} (the first of two rows with one event id wins); returns the event ids that
   * were new.
   *
   * @param connection a connection inside a transaction (the staged rows vanish at its commit)
   */
  static Set<String> insert(Connection connection, List<LedgerRow> rows) {
    try {
      return run(connection, rows);
    } catch (SQLException | IOException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  private static Set<String> run(Connection connection, List<LedgerRow> rows) throws SQLException, IOException {
    if (connection.getAutoCommit()) {
      throw new IllegalStateException("ledger batches are inserted inside a transaction");
    }
    CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
    // fast path: leave out what is stored already (and second copies within the batch) and copy the
    // rest straight into the table; only an insert racing ours on the same event makes it fail
    List<LedgerRow> fresh = fresh(connection, rows);
    if (fresh.isEmpty()) {
      return new HashSet<>();
    }
    Savepoint beforeCopy = connection.setSavepoint();
    try {
      copy.copyIn(COPY_DIRECT, new ByteArrayInputStream(LedgerCopyStream.encode(fresh, false)));
      connection.releaseSavepoint(beforeCopy);
      Set<String> inserted = new HashSet<>();
      fresh.forEach(r -> inserted.add(r.eventId()));
      return inserted;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(beforeCopy);
    }
    return staged(connection, copy, rows);
  }

  /** Rows whose event id is not stored, first copies only, in batch order. */
  private static List<LedgerRow> fresh(Connection connection, List<LedgerRow> rows) throws SQLException {
    Set<String> seen = new HashSet<>();
    try (PreparedStatement ps = connection.prepareStatement(STORED)) {
      ps.setArray(1, connection.createArrayOf("text", rows.stream().map(LedgerRow::eventId).distinct().toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          seen.add(rs.getString(1));
        }
      }
    }
    List<LedgerRow> fresh = new ArrayList<>(rows.size());
    for (LedgerRow r : rows) {
      if (seen.add(r.eventId())) {
        fresh.add(r);
      }
    }
    return fresh;
  }

  /** The path that tolerates concurrent inserts of the same events: staging table, then ON CONFLICT. */
  private static Set<String> staged(Connection connection, CopyManager copy, List<LedgerRow> rows)
      throws SQLException, IOException {
    try (Statement s = connection.createStatement()) {
      s.execute(STAGING);
    }
    copy.copyIn(COPY, new ByteArrayInputStream(LedgerCopyStream.encode(rows)));
    Set<String> inserted = new HashSet<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(INSERT)) {
      while (rs.next()) {
        inserted.add(rs.getString(1));
      }
    }
    return inserted;
  }
}
