-- Signed checkpoints consumed from witness.checkpoints, each verified with the configured trusted
-- keys before it is stored. Append-only, unique by checkpoint id (re-delivery changes nothing).
CREATE TABLE checkpoints (
    checkpoint_id    text        PRIMARY KEY,
    created_at       timestamptz NOT NULL,
    tree_size        bigint      NOT NULL,
    root_hash        bytea       NOT NULL,
    key_id           text        NOT NULL,
    signature        bytea       NOT NULL,
    checkpoint_json  jsonb       NOT NULL,
    ingested_at      timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX checkpoints_created_idx ON checkpoints (created_at DESC, checkpoint_id DESC);

-- One row per partition head of a checkpoint, to find the first checkpoint covering an entry.
CREATE TABLE checkpoint_heads (
    checkpoint_id     text    NOT NULL REFERENCES checkpoints (checkpoint_id),
    ledger_partition  integer NOT NULL,
    entry_sequence    bigint  NOT NULL,
    hash              bytea   NOT NULL,
    root              bytea   NOT NULL,
    CONSTRAINT checkpoint_heads_pk PRIMARY KEY (checkpoint_id, ledger_partition)
);

CREATE INDEX checkpoint_heads_partition_idx ON checkpoint_heads (ledger_partition, entry_sequence);

-- Checkpoints that failed verification (unknown key, bad signature, inconsistent root): never
-- served as proof, recorded here so the failure is seen.
CREATE TABLE checkpoint_rejections (
    rejection_id   bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    checkpoint_id  text,
    key_id         text,
    problem        text        NOT NULL,
    detected_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER checkpoints_no_update_delete BEFORE UPDATE OR DELETE ON checkpoints
    FOR EACH ROW EXECUTE FUNCTION witness_reject_change();
CREATE TRIGGER checkpoints_no_truncate BEFORE TRUNCATE ON checkpoints
    FOR EACH STATEMENT EXECUTE FUNCTION witness_reject_change();
CREATE TRIGGER checkpoint_heads_no_update_delete BEFORE UPDATE OR DELETE ON checkpoint_heads
    FOR EACH ROW EXECUTE FUNCTION witness_reject_change();
CREATE TRIGGER checkpoint_heads_no_truncate BEFORE TRUNCATE ON checkpoint_heads
    FOR EACH STATEMENT EXECUTE FUNCTION witness_reject_change();
CREATE TRIGGER checkpoint_rejections_no_update_delete BEFORE UPDATE OR DELETE ON checkpoint_rejections
    FOR EACH ROW EXECUTE FUNCTION witness_reject_change();
CREATE TRIGGER checkpoint_rejections_no_truncate BEFORE TRUNCATE ON checkpoint_rejections
    FOR EACH STATEMENT EXECUTE FUNCTION witness_reject_change();
