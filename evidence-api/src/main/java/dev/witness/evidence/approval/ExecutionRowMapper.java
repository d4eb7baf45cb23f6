package dev.witness.evidence.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the columns of {@link ApprovalDao#executions} to an {@link ExecutionRow}. */
public final class ExecutionRowMapper implements RowMapper<ExecutionRow> {

  @Override
  public ExecutionRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    int status = rs.getInt("status");
    Integer httpStatus = rs.wasNull() ? null : status;
    return new ExecutionRow(rs.getString("request_id"), rs.getLong("chunks"),
        rs.getObject("first_at", OffsetDateTime.class), rs.getObject("last_at", OffsetDateTime.class), httpStatus,
        rs.getString("command_tag"), rs.getBoolean("complete"), rs.getString("error"));
  }
}
