-- Only response chunks are looked up by request id (the executions an approval covered, see
-- ApprovalDao); requests and verdicts need no entry in that index, which every ingested row paid for.
CREATE INDEX ledger_entries_response_request_idx ON ledger_entries (request_id) WHERE event_type = 'response';
DROP INDEX ledger_entries_request_idx;
