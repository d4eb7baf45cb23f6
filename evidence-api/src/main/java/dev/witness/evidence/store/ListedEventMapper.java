package dev.witness.evidence.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a row of {@code LedgerEntryDao.events} to a {@link ListedEvent}. */
public final class ListedEventMapper implements RowMapper<ListedEvent> {

  @Override
  public ListedEvent map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new ListedEvent(rs.getObject("event_time", OffsetDateTime.class).toInstant(), rs.getInt("ledger_partition"),
        rs.getLong("entry_sequence"), rs.getString("event_json"));
  }
}
