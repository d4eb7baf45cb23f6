package dev.witness.evidence.store;

import java.time.Instant;

/**
 * One row of {@code ledger_entries}, as the ingestor writes it.
 *
 * @param ledgerSchemaId registry id of the {@code LedgerEntry} writer schema
 * @param eventSchema full name of the event's writer schema
 * @param eventAvro the exact Avro binary of the event as it appears in the ledger value
 * @param eventJson the API document of the event
 */
public record LedgerRow(
    int ledgerPartition,
    long entrySequence,
    String eventId,
    String sessionId,
    String eventType,
    Instant eventTime,
    Instant recordedAt,
    String agentId,
    String purpose,
    String resource,
    String protocol,
    String requestId,
    byte[] previousHash,
    byte[] hash,
    int ledgerSchemaId,
    String eventSchema,
    byte[] eventAvro,
    String eventJson) {}
