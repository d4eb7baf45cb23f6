package dev.witness.evidence.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Inserts a whole batch of ledger rows in one statement ({@code unnest} over one array per
 * column), skipping event ids already stored, and returns the ids it inserted. One statement
 * instead of one per row: the per-row round of parse, bind and execute was most of ingest's cost.
 */
final class LedgerBatchInsert {

  private static final String SQL = """
      INSERT INTO ledger_entries (ledger_partition, entry_sequence, event_id, session_id, event_type, event_time,
          recorded_at, agent_id, purpose, resource, protocol, request_id, previous_hash, hash, ledger_schema_id,
          event_schema, event_avro, event_json)
      SELECT p, s, id, sid, t, et, ra, a, pu, r, pr, rq, ph, h, ls, es, ea, CAST(ej AS jsonb)
      FROM unnest(?::int[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::timestamptz[], ?::timestamptz[],
          ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::bytea[], ?::int[], ?::text[],
          ?::bytea[], ?::text[])
        WITH ORDINALITY AS u(p, s, id, sid, t, et, ra, a, pu, r, pr, rq, ph, h, ls, es, ea, ej, n)
      ORDER BY n
      ON CONFLICT (event_id) DO NOTHING
      RETURNING event_id
      """;

  private LedgerBatchInsert() {}

  /** Inserts {@code rows}; returns the event ids that were new. */
  static Set<String> insert(Connection connection, List<LedgerRow> rows) {
    try {
      return run(connection, rows);
    } catch (SQLException e) {
      throw new UnableToExecuteStatementException(e, null);
    }
  }

  private static Set<String> run(Connection connection, List<LedgerRow> rows) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(SQL)) {
      int i = 1;
      ps.setArray(i++, array(connection, "int4", rows, r -> r.ledgerPartition()));
      ps.setArray(i++, array(connection, "int8", rows, r -> r.entrySequence()));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::eventId));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::sessionId));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::eventType));
      ps.setArray(i++, array(connection, "text", rows, r -> r.eventTime().toString()));
      ps.setArray(i++, array(connection, "text", rows, r -> r.recordedAt().toString()));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::agentId));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::purpose));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::resource));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::protocol));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::requestId));
      ps.setArray(i++, bytes(connection, rows, LedgerRow::previousHash));
      ps.setArray(i++, bytes(connection, rows, LedgerRow::hash));
      ps.setArray(i++, array(connection, "int4", rows, r -> r.ledgerSchemaId()));
      ps.setArray(i++, array(connection, "text", rows, LedgerRow::eventSchema));
      ps.setArray(i++, bytes(connection, rows, LedgerRow::eventAvro));
      ps.setArray(i, array(connection, "text", rows, LedgerRow::eventJson));
      Set<String> inserted = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
      return inserted;
    }
  }

  private static Array array(Connection c, String type, List<LedgerRow> rows, Function<LedgerRow, Object> column)
      throws SQLException {
    Object[] values = new Object[rows.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = column.apply(rows.get(i));
    }
    return c.createArrayOf(type, values);
  }

  private static Array bytes(Connection c, List<LedgerRow> rows, Function<LedgerRow, byte[]> column)
      throws SQLException {
    byte[][] values = new byte[rows.size()][];
    for (int i = 0; i < values.length; i++) {
      values[i] = column.apply(rows.get(i));
    }
    return c.createArrayOf("bytea", values);
  }
}
