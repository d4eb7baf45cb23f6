package dev.witness.evidence.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code ledger_partition, entry_sequence, event_json} to a {@link StoredEvent}. */
public final class StoredEventMapper implements RowMapper<StoredEvent> {

  @Override
  public StoredEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredEvent(rs.getInt("ledger_partition"), rs.getLong("entry_sequence"), rs.getString("event_json"));
  }
}
