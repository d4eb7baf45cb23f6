package dev.witness.connectors.slack;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.Protocol;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Approval events as the approval topology writes them. */
final class ApprovalEvents {

  private ApprovalEvents() {}

  static EventHeader header(Instant at) {
    return EventHeader.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setSessionId("session-" + UUID.randomUUID())
        .setSequence(3)
        .setTimestamp(at.truncatedTo(ChronoUnit.MICROS))
        .setAgent(AgentIdentity.newBuilder().setId("billing-agent").setIssuer("witness").setDelegatingHuman("dana@example.com").build())
        .setPurpose("JIRA-4711 close stale accounts")
        .setResource("postgres:demo")
        .setProtocol(Protocol.SQL)
        .setPolicyVersion("a".repeat(64))
        .build();
  }

  static ApprovalRequested requested(String approvalId, Instant expiresAt) {
    return ApprovalRequested.newBuilder()
        .setHeader(header(Instant.now()))
        .setApprovalId(approvalId)
        .setRequestId("req-" + approvalId)
        .setRequestHash("b".repeat(64))
        .setRules(List.of("destructive-sql", "bulk-delete"))
        .setQuorum(1)
        .setApproverGroup("dba")
        .setExpiresAt(expiresAt.truncatedTo(ChronoUnit.MICROS))
        .build();
  }

  static ApprovalDecided decided(String approvalId, ApprovalOutcome outcome, List<ApprovalDecision> decisions) {
    return ApprovalDecided.newBuilder()
        .setHeader(header(Instant.now()))
        .setApprovalId(approvalId)
        .setOutcome(outcome)
        .setDecisions(decisions)
        .build();
  }

  static ApprovalExpired expired(String approvalId) {
    return ApprovalExpired.newBuilder().setHeader(header(Instant.now())).setApprovalId(approvalId).build();
  }

  static String newApprovalId() {
    return "appr-" + UUID.randomUUID();
  }
}
