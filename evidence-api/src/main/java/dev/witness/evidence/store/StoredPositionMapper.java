package dev.witness.evidence.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps {@code event_id, ledger_partition, entry_sequence} to an {@link StoredPosition}. */
public final class StoredPositionMapper implements RowMapper<StoredPosition> {

  @Override
  public StoredPosition map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new StoredPosition(rs.getString("event_id"), rs.getInt("ledger_partition"), rs.getLong("entry_sequence"));
  }
}
