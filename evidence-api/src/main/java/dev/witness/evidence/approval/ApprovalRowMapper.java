package dev.witness.evidence.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps the columns of {@link ApprovalDao} queries to an {@link ApprovalRow}. */
public final class ApprovalRowMapper implements RowMapper<ApprovalRow> {

  @Override
  public ApprovalRow map(ResultSet rs, StatementContext ctx) throws SQLException {
    ApprovalState state = ApprovalState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT));
    return new ApprovalRow(rs.getString("approval_id"), state, rs.getString("requested_json"), rs.getString("final_json"));
  }
}
