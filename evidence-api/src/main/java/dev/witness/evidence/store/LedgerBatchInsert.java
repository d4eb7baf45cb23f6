package dev.witness.evidence.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
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
 * duplicates itself, and duplicates are rare (a batch re-delivered after a crash or rebalance), so
 * the batch is copied straight into the table under a savepoint, the unique event id index being
 * the only duplicate check: looking every id up first cost an index probe per row on every batch.
 * Should the COPY fail on that index, it is rolled back to the savepoint and the batch goes the
 * race-proof way: COPY into a transaction-scoped temporary table, then one {@code INSERT ... SELECT
 * ... ON CONFLICT (event_id) DO NOTHING}, which waits for any other transaction inserting the same
 * events and skips what is stored.
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
    Savepoint beforeCopy = connection.setSavepoint();
    try {
      copy.copyIn(COPY_DIRECT, new ByteArrayInputStream(LedgerCopyStream.encode(rows, false)));
      connection.releaseSavepoint(beforeCopy);
      Set<String> inserted = new HashSet<>();
      rows.forEach(r -> inserted.add(r.eventId()));
      return inserted;
    } catch (SQLException e) {
      if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
        throw e;
      }
      connection.rollback(beforeCopy);
    }
    return staged(connection, copy, rows);
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
