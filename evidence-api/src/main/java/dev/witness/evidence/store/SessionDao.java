package dev.witness.evidence.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** SQL of {@code sessions}: counters the ingestor maintains and the auditor queries. */
@RegisterRowMapper(SessionRowMapper.class)
public interface SessionDao {

  /** Adds newly stored events to their sessions, creating sessions on their first event. */
  @SqlBatch("""
      INSERT INTO sessions AS s (session_id, agent_id, issuer, delegating_human, purpose, resource, protocol,
          started_at, last_event_at, event_count, request_count, denied_count, auth_failures, allowed_count,
          approval_count)
      VALUES (:sessionId, :agentId, :issuer, :delegatingHuman, :purpose, :resource, :protocol, :startedAt,
          :lastEventAt, :eventCount, :requestCount, :deniedCount, :authFailures, :allowedCount, :approvalCount)
      ON CONFLICT (session_id) DO UPDATE SET
          delegating_human = COALESCE(s.delegating_human, EXCLUDED.delegating_human),
          purpose = COALESCE(s.purpose, EXCLUDED.purpose),
          started_at = LEAST(s.started_at, EXCLUDED.started_at),
          last_event_at = GREATEST(s.last_event_at, EXCLUDED.last_event_at),
          event_count = s.event_count + EXCLUDED.event_count,
          request_count = s.request_count + EXCLUDED.request_count,
          denied_count = s.denied_count + EXCLUDED.denied_count,
          auth_failures = s.auth_failures + EXCLUDED.auth_failures,
          allowed_count = s.allowed_count + EXCLUDED.allowed_count,
          approval_count = s.approval_count + EXCLUDED.approval_count
      """)
  void add(@BindMethods List<SessionDelta> deltas);

  @SqlQuery("SELECT * FROM sessions WHERE session_id = :sessionId")
  Optional<SessionRow> find(@Bind("sessionId") String sessionId);

  /** Sessions matching the query, newest first; see {@link SessionQuery} for the semantics. */
  @SqlQuery("""
      SELECT * FROM sessions
      WHERE (CAST(:agent AS text) IS NULL OR agent_id = :agent)
        AND (CAST(:resource AS text) IS NULL OR resource = :resource)
        AND (CAST(:from AS timestamptz) IS NULL OR last_event_at >= :from)
        AND (CAST(:to AS timestamptz) IS NULL OR started_at < :to)
        AND (CAST(:risk AS text) IS NULL OR risk = :risk)
        AND (CAST(:decision AS text) IS NULL
             OR (:decision = 'ALLOW' AND allowed_count > 0)
             OR (:decision = 'DENY' AND denied_count > 0)
             OR (:decision = 'REQUIRE_APPROVAL' AND approval_count > 0))
        AND (CAST(:afterStartedAt AS timestamptz) IS NULL
             OR (started_at, session_id) < (:afterStartedAt, :afterSessionId))
      ORDER BY started_at DESC, session_id DESC
      LIMIT :limit
      """)
  List<SessionRow> list(@BindMethods SessionQuery query);
}
