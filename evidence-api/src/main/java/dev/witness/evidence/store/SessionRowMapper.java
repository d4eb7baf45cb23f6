package dev.witness.evidence.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a {@code sessions} row to a {@link SessionRow}. */
public final class SessionRowMapper implements RowMapper<SessionRow> {

  @Override
  public SessionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SessionRow(
        rs.getString("session_id"),
        rs.getString("agent_id"),
        rs.getString("issuer"),
        rs.getString("delegating_human"),
        rs.getString("purpose"),
        rs.getString("resource"),
        rs.getString("protocol"),
        instant(rs, "started_at"),
        instant(rs, "last_event_at"),
        rs.getLong("event_count"),
        rs.getLong("request_count"),
        rs.getLong("denied_count"),
        rs.getLong("auth_failures"),
        rs.getLong("allowed_count"),
        rs.getLong("approval_count"),
        rs.getString("risk"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
