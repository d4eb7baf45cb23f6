-- Every index is written on every ingested row; ingest throughput is bounded by them.
-- ledger_entries_session_idx (session_id, ledger_partition, entry_sequence) answers nothing that
-- ledger_entries_session_causal (session_id, ...) does not: both find a session's rows by its id,
-- and the few rows of one session are sorted after the lookup.
DROP INDEX ledger_entries_session_idx;
