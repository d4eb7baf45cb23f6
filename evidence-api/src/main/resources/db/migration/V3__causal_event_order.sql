-- Within a session the API lists events causally: by the proxy's session sequence, a request
-- before its verdict before approvals before its response chunks. Ledger order alone cannot
-- promise that: a request and its verdict reach the ledger through different topics.
CREATE FUNCTION witness_event_rank(event_type text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE event_type
      WHEN 'request' THEN 0
      WHEN 'verdict' THEN 1
      WHEN 'approval-requested' THEN 2
      WHEN 'approval-decided' THEN 3
      WHEN 'approval-expired' THEN 3
      WHEN 'response' THEN 4
      ELSE 5
    END
  $$;

CREATE INDEX ledger_entries_session_causal ON ledger_entries (
  session_id, ((event_json ->> 'sequence')::bigint), witness_event_rank(event_type), ledger_partition, entry_sequence);
