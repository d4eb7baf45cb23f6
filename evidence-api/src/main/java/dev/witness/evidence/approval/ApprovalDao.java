package dev.witness.evidence.approval;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/**
 * Approvals as the ledger recorded them in {@code ledger_entries}: an {@code approval-requested}
 * event, and at most one {@code approval-decided} or {@code approval-expired} event that ended it
 * (the first one wins should the ledger hold two). Read-only, like every query of the store.
 */
public interface ApprovalDao {

  /** The columns of {@link ApprovalRowMapper}, over {@code r} (requested) joined with its final event {@code f}. */
  String SELECT_APPROVAL = """
      SELECT r.event_json #>> '{approval,approvalId}' AS approval_id,
          r.event_json::text AS requested_json, f.event_json::text AS final_json,
          CASE WHEN f.event_type IS NULL THEN 'pending'
               WHEN f.event_type = 'approval-expired' THEN 'expired'
               ELSE lower(f.event_json #>> '{approval,outcome}') END AS state
      FROM ledger_entries r
      LEFT JOIN LATERAL (
          SELECT o.event_type, o.event_json FROM ledger_entries o
          WHERE o.event_type IN ('approval-decided', 'approval-expired')
            AND o.event_json #>> '{approval,approvalId}' = r.event_json #>> '{approval,approvalId}'
          ORDER BY o.event_time, o.ledger_partition, o.entry_sequence
          LIMIT 1) f ON true
      WHERE r.event_type = 'approval-requested'
      """;

  /** Approvals in {@code state} (all when null), oldest request first. */
  @SqlQuery(SELECT_APPROVAL + """
        AND (CAST(:state AS text) IS NULL
             OR CASE WHEN f.event_type IS NULL THEN 'pending'
                     WHEN f.event_type = 'approval-expired' THEN 'expired'
                     ELSE lower(f.event_json #>> '{approval,outcome}') END = :state)
      ORDER BY r.event_time, r.ledger_partition, r.entry_sequence
      LIMIT :limit
      """)
  @RegisterRowMapper(ApprovalRowMapper.class)
  List<ApprovalRow> list(@Bind("state") String state, @Bind("limit") int limit);

  /** The approval with this id. */
  @SqlQuery(SELECT_APPROVAL + """
        AND r.event_json #>> '{approval,approvalId}' = :approvalId
      ORDER BY r.event_time, r.ledger_partition, r.entry_sequence
      LIMIT 1
      """)
  @RegisterRowMapper(ApprovalRowMapper.class)
  Optional<ApprovalRow> find(@Bind("approvalId") String approvalId);

  /** Requests whose verdict cites this approval (the held request, and re-runs within a grant window). */
  @SqlQuery("""
      SELECT DISTINCT request_id FROM ledger_entries
      WHERE event_type = 'verdict' AND event_json #>> '{verdict,approvalId}' = :approvalId AND request_id IS NOT NULL
      """)
  List<String> citingRequests(@Bind("approvalId") String approvalId);

  /** The recorded responses of these requests, one summary per request, earliest first. */
  @SqlQuery("""
      SELECT request_id, count(*) AS chunks, min(event_time) AS first_at, max(event_time) AS last_at,
          max((event_json #>> '{response,status}')::integer) AS status,
          max(event_json #>> '{response,commandTag}') AS command_tag,
          bool_or((event_json #>> '{response,last}')::boolean) AS complete,
          max(event_json #>> '{response,error}') AS error
      FROM ledger_entries
      WHERE event_type = 'response' AND request_id IN (<requestIds>)
      GROUP BY request_id
      ORDER BY min(event_time), request_id
      """)
  @RegisterRowMapper(ExecutionRowMapper.class)
  List<ExecutionRow> executions(@BindList("requestIds") List<String> requestIds);
}
