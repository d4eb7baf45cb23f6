-- The evidence store: one row per witness.ledger entry, append-only.
--
-- event_avro holds the exact Avro binary encoding of the event as it was written inside the
-- LedgerEntry (sliced from the consumed Kafka value, never re-encoded), event_schema the full name
-- of its writer schema, and ledger_schema_id the registry id of the LedgerEntry writer schema. So
-- the chain verifies in place, whatever schema version this build reads with:
--   hash = sha256(previous_hash || convert_to(event_schema, 'UTF8') || '\x00'::bytea || event_avro)
-- and the original Kafka value can be rebuilt from the columns and the registry.
-- event_json is the API document (EventDocument) of the event.

CREATE TABLE ledger_entries (
    ledger_partition  integer     NOT NULL,
    entry_sequence    bigint      NOT NULL,
    event_id          text        NOT NULL,
    session_id        text        NOT NULL,
    event_type        text        NOT NULL,
    event_time        timestamptz NOT NULL,
    recorded_at       timestamptz NOT NULL,
    ingested_at       timestamptz NOT NULL DEFAULT now(),
    agent_id          text        NOT NULL,
    purpose           text,
    resource          text        NOT NULL,
    protocol          text        NOT NULL,
    request_id        text,
    previous_hash     bytea       NOT NULL,
    hash              bytea       NOT NULL,
    ledger_schema_id  integer     NOT NULL,
    event_schema      text        NOT NULL,
    event_avro        bytea       NOT NULL,
    event_json        jsonb       NOT NULL,
    CONSTRAINT ledger_entries_pk PRIMARY KEY (ledger_partition, entry_sequence),
    CONSTRAINT ledger_entries_event_id_key UNIQUE (event_id),
    CONSTRAINT ledger_entries_sequence_check CHECK (entry_sequence >= 0)
);

CREATE INDEX ledger_entries_session_idx ON ledger_entries (session_id, ledger_partition, entry_sequence);
CREATE INDEX ledger_entries_request_idx ON ledger_entries (request_id) WHERE request_id IS NOT NULL;
CREATE INDEX ledger_entries_agent_time_idx ON ledger_entries (agent_id, event_time);

-- Evidence is never changed or removed once written: the ingestor only inserts
-- (ON CONFLICT DO NOTHING fires no UPDATE trigger), everything else is refused here.
CREATE FUNCTION ledger_entries_reject_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER ledger_entries_no_update_delete
    BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_entries_reject_change();

CREATE TRIGGER ledger_entries_no_truncate
    BEFORE TRUNCATE ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_reject_change();
