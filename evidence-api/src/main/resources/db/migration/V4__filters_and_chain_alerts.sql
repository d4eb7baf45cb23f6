-- Auditor filters (decision, risk) on sessions and events, and the record of chain breaks.

-- Verdict counters per session, so a session can be filtered by the decisions it received.
ALTER TABLE sessions ADD COLUMN allowed_count  bigint NOT NULL DEFAULT 0;
ALTER TABLE sessions ADD COLUMN approval_count bigint NOT NULL DEFAULT 0;

UPDATE sessions s SET
    allowed_count  = c.allowed,
    approval_count = c.approval
FROM (
    SELECT session_id,
        count(*) FILTER (WHERE event_json #>> '{verdict,decision}' = 'ALLOW') AS allowed,
        count(*) FILTER (WHERE event_json #>> '{verdict,decision}' = 'REQUIRE_APPROVAL') AS approval
    FROM ledger_entries WHERE event_type = 'verdict' GROUP BY session_id
) c
WHERE c.session_id = s.session_id;

-- Risk of a session: high once anything was denied or an authentication failed, medium when a
-- request needed a human approval, low otherwise.
ALTER TABLE sessions ADD COLUMN risk text GENERATED ALWAYS AS (
    CASE WHEN denied_count > 0 OR auth_failures > 0 THEN 'high'
         WHEN approval_count > 0 THEN 'medium'
         ELSE 'low' END) STORED;

CREATE INDEX sessions_risk_started_idx ON sessions (risk, started_at DESC, session_id DESC);

-- Risk of one event, by the same rule: a denial or failed authentication is high, a request held
-- for approval medium, an allowed verdict low; other events carry no risk of their own.
CREATE FUNCTION witness_event_risk(event_type text, event_json jsonb) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
      WHEN event_type = 'verdict' THEN
        CASE event_json #>> '{verdict,decision}'
          WHEN 'DENY' THEN 'high' WHEN 'REQUIRE_APPROVAL' THEN 'medium' ELSE 'low' END
      WHEN event_type = 'request' AND event_json #>> '{request,authentication,outcome}' = 'FAILED' THEN 'high'
      ELSE NULL
    END
  $$;

-- The cross-session event listing is ordered by event time, ledger position breaking ties.
CREATE INDEX ledger_entries_time_idx ON ledger_entries (event_time, ledger_partition, entry_sequence);
CREATE INDEX ledger_entries_decision_idx ON ledger_entries ((event_json #>> '{verdict,decision}'))
    WHERE event_type = 'verdict';

-- A ledger entry that does not link to the one stored before it, or whose hash does not match its
-- event. The entry is still stored (it is evidence of what the ledger said); the break is
-- recorded here, logged and counted, and never silently passed over. Append-only like the ledger.
CREATE TABLE chain_alerts (
    alert_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ledger_partition  integer     NOT NULL,
    entry_sequence    bigint      NOT NULL,
    event_id          text        NOT NULL,
    problem           text        NOT NULL,
    detected_at       timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION witness_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER chain_alerts_no_update_delete
    BEFORE UPDATE OR DELETE ON chain_alerts
    FOR EACH ROW EXECUTE FUNCTION witness_reject_change();

CREATE TRIGGER chain_alerts_no_truncate
    BEFORE TRUNCATE ON chain_alerts
    FOR EACH STATEMENT EXECUTE FUNCTION witness_reject_change();
