package dev.witness.evidence.support;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.MaskingApplied;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlColumn;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.SqlResultHead;
import dev.witness.schemas.event.Verdict;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders of the evidence events of one session, with sensible defaults. */
public final class Events {

  private final String sessionId;
  private final String agentId;
  private final String resource;
  private final Protocol protocol;
  private long sequence;

  public Events(String sessionId, String agentId, String resource, Protocol protocol) {
    this.sessionId = sessionId;
    this.agentId = agentId;
    this.resource = resource;
    this.protocol = protocol;
  }

  public static String eventId() {
    return UUID.randomUUID().toString();
  }

  public EventHeader header(Instant at) {
    return EventHeader.newBuilder()
        .setEventId(eventId())
        .setSessionId(sessionId)
        .setSequence(sequence++)
        .setTimestamp(at)
        .setAgent(AgentIdentity.newBuilder().setId(agentId).setIssuer("witness").setDelegatingHuman("alice@example.com")
            .build())
        .setPurpose("TICKET-42")
        .setResource(resource)
        .setProtocol(protocol)
        .setPolicyVersion("abc123")
        .build();
  }

  public RequestIntercepted httpRequest(String requestId, Instant at, byte[] body, boolean authFailed) {
    HttpRequest http = HttpRequest.newBuilder()
        .setMethod("POST")
        .setPath("/customers/search")
        .setQuery("q=smith")
        .setHeaders(Map.of("content-type", "application/json", "authorization", "[REDACTED]"))
        .setBody(body == null ? null : ByteBuffer.wrap(body))
        .setBodySize(body == null ? 0 : body.length)
        .build();
    return RequestIntercepted.newBuilder()
        .setHeader(header(at))
        .setRequestId(requestId)
        .setReplyPartition(0)
        .setAuthentication(Authentication.newBuilder()
            .setOutcome(authFailed ? AuthenticationOutcome.FAILED : AuthenticationOutcome.SUCCEEDED)
            .setMethod("bearer-token")
            .setReason(authFailed ? "unknown token" : null)
            .build())
        .setBody(http)
        .build();
  }

  public RequestIntercepted sqlRequest(String requestId, Instant at, String statement) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(at))
        .setRequestId(requestId)
        .setReplyPartition(0)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED)
            .setMethod("scram-sha-256").build())
        .setBody(SqlRequest.newBuilder().setStatement(statement).setParameters(Arrays.asList("42", null))
            .setDatabase("demo").build())
        .build();
  }

  public Verdict verdict(String requestId, Instant at, Decision decision) {
    return Verdict.newBuilder()
        .setHeader(header(at))
        .setRequestId(requestId)
        .setReplyPartition(0)
        .setDecision(decision)
        .setRules(List.of("deny-bulk-export"))
        .setReason(decision == Decision.DENY ? "bulk export of PII" : null)
        .setMaskPlan(decision == Decision.ALLOW ? "pii-default" : null)
        .build();
  }

  public MaskedChunk httpChunk(String requestId, Instant at, int index, boolean last, byte[] payload) {
    return MaskedChunk.newBuilder()
        .setHeader(header(at))
        .setRequestId(requestId)
        .setReplyPartition(0)
        .setChunkIndex(index)
        .setLast(last)
        .setHead(index == 0 ? HttpResponseHead.newBuilder().setStatus(200)
            .setHeaders(Map.of("content-type", "application/json")).build() : null)
        .setContentType("application/json")
        .setPayload(ByteBuffer.wrap(payload))
        .setMaskings(List.of(MaskingApplied.newBuilder().setField("$.email").setDetector("email")
            .setOperator("redact").setCount(2).build()))
        .build();
  }

  public MaskedChunk sqlChunk(String requestId, Instant at) {
    return MaskedChunk.newBuilder()
        .setHeader(header(at))
        .setRequestId(requestId)
        .setReplyPartition(0)
        .setChunkIndex(0)
        .setLast(true)
        .setHead(SqlResultHead.newBuilder()
            .setColumns(List.of(SqlColumn.newBuilder().setName("email").setTypeOid(25).setTable("customers").build()))
            .setCommandTag("SELECT 1").build())
        .setPayload(ByteBuffer.wrap("row".getBytes(StandardCharsets.UTF_8)))
        .build();
  }

  public ApprovalRequested approvalRequested(String requestId, String approvalId, Instant at) {
    return ApprovalRequested.newBuilder()
        .setHeader(header(at))
        .setApprovalId(approvalId)
        .setRequestId(requestId)
        .setRequestHash("feed")
        .setRules(List.of("approve-deletes"))
        .setQuorum(2)
        .setApproverGroup("dba")
        .setExpiresAt(at.plusSeconds(300))
        .build();
  }

  public ApprovalDecided approvalDecided(String approvalId, Instant at) {
    return ApprovalDecided.newBuilder()
        .setHeader(header(at))
        .setApprovalId(approvalId)
        .setOutcome(ApprovalOutcome.APPROVED)
        .setDecisions(List.of(ApprovalDecision.newBuilder().setDecisionId("d1").setApprovalId(approvalId)
            .setChannel("slack").setApproverId("U123").setApprove(true).setDecidedAt(at).build()))
        .build();
  }

  public ApprovalExpired approvalExpired(String approvalId, Instant at) {
    return ApprovalExpired.newBuilder().setHeader(header(at)).setApprovalId(approvalId).build();
  }
}
