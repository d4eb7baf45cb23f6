-- Approvals are read by id (GET /v1/approvals/{id}, and to find the event that ended one) and
-- listed by request time; the requests an approval covered are found by the verdicts citing it.
CREATE INDEX ledger_entries_approval_idx ON ledger_entries ((event_json #>> '{approval,approvalId}'), event_type)
    WHERE event_type IN ('approval-requested', 'approval-decided', 'approval-expired');

CREATE INDEX ledger_entries_approval_time_idx ON ledger_entries (event_time, ledger_partition, entry_sequence)
    WHERE event_type = 'approval-requested';

CREATE INDEX ledger_entries_verdict_approval_idx ON ledger_entries ((event_json #>> '{verdict,approvalId}'))
    WHERE event_type = 'verdict';
