package dev.witness.streams.siem;

import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.event.EventHeaders;
import dev.witness.streams.testing.TestEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Witness events for the SIEM projection's tests. */
final class SiemEvents {

  static final Instant NOW = Instant.parse("2026-03-01T12:00:09Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private SiemEvents() {}

  static Verdict verdict(RequestIntercepted request, Decision decision, String reason, String... rules) {
    return Verdict.newBuilder()
        .setHeader(EventHeaders.derive(request.getHeader(), DerivedEventId.Kind.VERDICT, CLOCK))
        .setRequestId(request.getRequestId())
        .setReplyPartition(request.getReplyPartition())
        .setDecision(decision)
        .setRules(List.of(rules))
        .setReason(reason)
        .setApprovalId(decision == Decision.REQUIRE_APPROVAL ? "appr-" + request.getRequestId() : null)
        .build();
  }

  static RequestIntercepted mcp(String session, long sequence, String method, String tool, String arguments) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(session, sequence, Protocol.MCP, "mcp:tools"))
        .setRequestId("req-" + session + "-" + sequence)
        .setReplyPartition(0)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED)
            .setMethod("bearer-token").build())
        .setBody(McpRequest.newBuilder().setMethod(method).setToolName(tool).setArguments(arguments)
            .setJsonRpcId("7").build())
        .build();
  }

  static RequestIntercepted kubernetes(String session, long sequence, String verb, String resource, String namespace, String name) {
    return RequestIntercepted.newBuilder()
        .setHeader(header(session, sequence, Protocol.KUBERNETES, "k8s:prod"))
        .setRequestId("req-" + session + "-" + sequence)
        .setReplyPartition(0)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED)
            .setMethod("bearer-token").build())
        .setBody(KubernetesRequest.newBuilder().setVerb(verb).setResource(resource).setNamespace(namespace)
            .setName(name).setPath("/api/v1/namespaces/" + namespace + "/" + resource + (name == null ? "" : "/" + name))
            .build())
        .build();
  }

  static EventHeader header(String session, long sequence, Protocol protocol, String resource) {
    EventHeader header = TestEvents.header(session, sequence, "agent-1", protocol);
    header.setResource(resource);
    header.getAgent().setDelegatingHuman("alice@example.com");
    return header;
  }

  static ApprovalRequested approvalRequested(RequestIntercepted request, String approvalId) {
    return ApprovalRequested.newBuilder()
        .setHeader(EventHeaders.derive(request.getHeader(), DerivedEventId.Kind.APPROVAL_REQUESTED, CLOCK))
        .setApprovalId(approvalId)
        .setRequestId(request.getRequestId())
        .setRequestHash("ab".repeat(32))
        .setRules(List.of("approve-delete"))
        .setExpiresAt(NOW.plusSeconds(300))
        .setStatement("DELETE FROM customers WHERE id = ?")
        .setRisk("HIGH")
        .build();
  }

  static ApprovalDecided approvalDecided(ApprovalRequested requested, ApprovalOutcome outcome) {
    return ApprovalDecided.newBuilder()
        .setHeader(EventHeader.newBuilder(requested.getHeader()).setEventId(requested.getHeader().getEventId() + "-d").build())
        .setApprovalId(requested.getApprovalId())
        .setOutcome(outcome)
        .setDecisions(List.of(ApprovalDecision.newBuilder()
            .setDecisionId("dec-1").setApprovalId(requested.getApprovalId()).setChannel("slack")
            .setApproverId("U123").setApprove(outcome == ApprovalOutcome.APPROVED).setDecidedAt(NOW).build()))
        .setRules(requested.getRules())
        .build();
  }

  static ApprovalExpired approvalExpired(ApprovalRequested requested) {
    return ApprovalExpired.newBuilder()
        .setHeader(EventHeader.newBuilder(requested.getHeader()).setEventId(requested.getHeader().getEventId() + "-x").build())
        .setApprovalId(requested.getApprovalId())
        .build();
  }
}
