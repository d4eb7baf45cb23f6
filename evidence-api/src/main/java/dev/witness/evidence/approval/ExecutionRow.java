package dev.witness.evidence.approval;

import java.time.OffsetDateTime;

/**
 * What the ledger recorded of one request's response: how many masked chunks, when, and how it
 * ended. Bodies are not part of it; auditors read them through the session's events.
 *
 * @param status HTTP status of the response, null for SQL
 * @param commandTag SQL command tag, null for HTTP
 * @param complete whether the last chunk was recorded
 * @param error the target's error when it failed mid-response
 */
public record ExecutionRow(String requestId, long chunks, OffsetDateTime firstAt, OffsetDateTime lastAt,
    Integer status, String commandTag, boolean complete, String error) {}
