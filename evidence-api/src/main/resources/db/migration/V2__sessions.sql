-- One row per agent session, maintained by the ingestor in the same transaction as the
-- ledger rows it counts, so the counters always match ledger_entries.

CREATE TABLE sessions (
    session_id        text        PRIMARY KEY,
    agent_id          text        NOT NULL,
    issuer            text        NOT NULL,
    delegating_human  text,
    purpose           text,
    resource          text        NOT NULL,
    protocol          text        NOT NULL,
    started_at        timestamptz NOT NULL,
    last_event_at     timestamptz NOT NULL,
    event_count       bigint      NOT NULL DEFAULT 0,
    request_count     bigint      NOT NULL DEFAULT 0,
    denied_count      bigint      NOT NULL DEFAULT 0,
    auth_failures     bigint      NOT NULL DEFAULT 0
);

-- Listing is newest first with keyset pagination on (started_at, session_id).
CREATE INDEX sessions_started_idx ON sessions (started_at DESC, session_id DESC);
CREATE INDEX sessions_agent_started_idx ON sessions (agent_id, started_at DESC, session_id DESC);
CREATE INDEX sessions_resource_started_idx ON sessions (resource, started_at DESC, session_id DESC);
