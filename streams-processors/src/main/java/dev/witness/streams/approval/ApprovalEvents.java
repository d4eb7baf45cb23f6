package dev.witness.streams.approval;

import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RefusedDecision;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.event.DerivedEventId;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;

/** Converts between approval events and the state machine's values; pure, no Kafka. */
public final class ApprovalEvents {

  private ApprovalEvents() {}

  /** The stored form of a new approval. */
  public static StoredApproval stored(ApprovalRequested requested) {
    EventHeader h = requested.getHeader();
    ApprovalState state = ApprovalState.pending(requested.getApprovalId(), h.getAgent().getId(),
        h.getAgent().getDelegatingHuman(), requested.getRequestHash(), requested.getQuorum(),
        requested.getApproverGroup(), micros(requested.getExpiresAt()), requested.getGrantWindowMillis());
    ApprovalSubject subject = new ApprovalSubject(h.getEventId(), micros(h.getTimestamp()), h.getSessionId(),
        h.getSequence(), h.getAgent().getId(), h.getAgent().getIssuer(), h.getAgent().getDelegatingHuman(),
        h.getPurpose(), h.getResource(), h.getProtocol().name(), h.getPolicyVersion(), requested.getRequestId(),
        requested.getReplyPartition(), requested.getRules(), requested.getMaskPlan());
    return new StoredApproval(state, subject);
  }

  /** The vote an {@code ApprovalDecision} casts. */
  public static Vote vote(ApprovalDecision decision) {
    return new Vote(decision.getDecisionId(), decision.getApproverId(), decision.getApproverEmail(),
        decision.getApprove(), decision.getReason(), decision.getChannel(), micros(decision.getDecidedAt()),
        GrantScope.of(decision.getGrantScope()), Vote.CANCEL.equals(decision.getKind()));
  }

  /** The {@code ApprovalDecided} of an approval that reached APPROVED, REJECTED or CANCELLED. */
  public static ApprovalDecided decided(StoredApproval approval, Clock clock) {
    ApprovalState state = approval.state();
    return ApprovalDecided.newBuilder()
        .setHeader(header(approval.subject(), DerivedEventId.Kind.APPROVAL_FINAL, clock))
        .setApprovalId(state.approvalId())
        .setOutcome(ApprovalOutcome.valueOf(state.status().name()))
        .setDecisions(state.votes().stream().map(v -> decision(state.approvalId(), v)).toList())
        .setRequestHash(state.requestHash())
        .setGrantExpiresAt(instant(state.grantExpiresAtMicros()))
        .setRefused(state.refused().stream()
            .map(r -> RefusedDecision.newBuilder().setDecision(decision(state.approvalId(), r.vote())).setWhy(r.why()).build())
            .toList())
        .setGrantScope(state.status() == ApprovalStatus.APPROVED ? state.grantScope().text() : null)
        .setRules(approval.subject().rules())
        .build();
  }

  /** The {@code ApprovalExpired} of an approval that timed out. */
  public static ApprovalExpired expired(StoredApproval approval, Clock clock) {
    return ApprovalExpired.newBuilder()
        .setHeader(header(approval.subject(), DerivedEventId.Kind.APPROVAL_FINAL, clock))
        .setApprovalId(approval.state().approvalId())
        .build();
  }

  /**
   * The follow-up verdict of the held request: ALLOW once approved, DENY naming the approval
   * otherwise. Same request id and reply partition as the request, so a waiting proxy forwards or
   * refuses it.
   */
  public static Verdict followUp(StoredApproval approval, Clock clock) {
    ApprovalState state = approval.state();
    ApprovalSubject subject = approval.subject();
    boolean approved = state.status() == ApprovalStatus.APPROVED;
    return Verdict.newBuilder()
        .setHeader(header(subject, DerivedEventId.Kind.APPROVAL_VERDICT, clock))
        .setRequestId(subject.requestId())
        .setReplyPartition(subject.replyPartition())
        .setDecision(approved ? Decision.ALLOW : Decision.DENY)
        .setRules(subject.rules())
        .setReason(reason(state))
        // Approved responses are masked with the plan the policy chose for the request.
        .setMaskPlan(approved ? subject.maskPlan() : null)
        .setApprovalId(state.approvalId())
        .build();
  }

  /** Why the follow-up verdict decided as it did; names approvers by id, never the request. */
  static String reason(ApprovalState state) {
    String who = state.votes().stream().map(Vote::approverId).collect(Collectors.joining(", "));
    return switch (state.status()) {
      case APPROVED -> "approved by " + who + " (approval " + state.approvalId() + ")";
      case REJECTED -> {
        Vote rejection = state.votes().get(state.votes().size() - 1);
        yield "rejected by " + rejection.approverId() + " (approval " + state.approvalId() + ")"
            + (rejection.reason() == null ? "" : ": " + rejection.reason());
      }
      case EXPIRED -> "approval " + state.approvalId() + " expired before " + state.quorum() + " approver(s) agreed";
      case CANCELLED -> {
        Vote cancel = state.votes().isEmpty() ? null : state.votes().get(state.votes().size() - 1);
        yield "approval " + state.approvalId() + " was cancelled"
            + (cancel == null || !cancel.cancel() || cancel.reason() == null ? "" : ": " + cancel.reason());
      }
      case PENDING -> "approval " + state.approvalId() + " is pending";
    };
  }

  private static EventHeader header(ApprovalSubject s, DerivedEventId.Kind kind, Clock clock) {
    return EventHeader.newBuilder()
        .setEventId(DerivedEventId.of(kind, s.requestedEventId(), instant(s.requestedAtMicros())).toString())
        .setSessionId(s.sessionId())
        .setSequence(s.sequence())
        .setTimestamp(clock.instant().truncatedTo(ChronoUnit.MICROS))
        .setAgent(AgentIdentity.newBuilder().setId(s.agentId()).setIssuer(s.issuer())
            .setDelegatingHuman(s.delegatingHuman()).build())
        .setPurpose(s.purpose())
        .setResource(s.resource())
        .setProtocol(Protocol.valueOf(s.protocol()))
        .setPolicyVersion(s.policyVersion())
        .build();
  }

  private static ApprovalDecision decision(String approvalId, Vote v) {
    return ApprovalDecision.newBuilder()
        .setDecisionId(v.decisionId())
        .setApprovalId(approvalId)
        .setChannel(v.channel() == null ? "unknown" : v.channel())
        .setApproverId(v.approverId())
        .setApproverEmail(v.approverEmail())
        .setApprove(v.approve())
        .setReason(v.reason())
        .setDecidedAt(instant(v.decidedAtMicros()))
        .setGrantScope(v.grantScope() == GrantScope.RULE ? v.grantScope().text() : null)
        .setKind(v.cancel() ? Vote.CANCEL : null)
        .build();
  }

  static long micros(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }
}
