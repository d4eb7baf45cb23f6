package dev.witness.evidence.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@code LedgerEntryDao.sessionEvents} to a {@link StoredEvent}. */
public final class StoredEventMapper implements RowMapper<StoredEvent> {

  @Override
  public StoredEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredEvent(rs.getLong("session_sequence"), rs.getInt("event_rank"), rs.getInt("ledger_partition"),
        rs.getLong("entry_sequence"), rs.getString("event_json"));
  }
}
