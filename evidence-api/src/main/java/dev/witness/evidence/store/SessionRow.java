package dev.witness.evidence.store;

import java.time.Instant;

/** One row of {@code sessions}. */
public record SessionRow(
    String sessionId,
    String agentId,
    String issuer,
    String delegatingHuman,
    String purpose,
    String resource,
    String protocol,
    Instant startedAt,
    Instant lastEventAt,
    long eventCount,
    long requestCount,
    long deniedCount,
    long authFailures,
    long allowedCount,
    long approvalCount,
    String risk) {}
