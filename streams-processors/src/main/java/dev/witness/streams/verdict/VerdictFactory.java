package dev.witness.streams.verdict;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.approval.Grant;
import dev.witness.streams.approval.GrantLookup;
import dev.witness.streams.approval.RequestHash;
import dev.witness.streams.classify.RequestClassifier;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.event.EventHeaders;
import dev.witness.streams.classify.PathTemplates;
import dev.witness.streams.policy.PolicyDecision;
import dev.witness.streams.policy.PolicyEvaluator;
import dev.witness.streams.policy.PolicyRequest;
import dev.witness.streams.policy.PolicyVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/** Turns an authenticated request into its {@link Verdict} under one policy. */
public final class VerdictFactory {

  /**
   * A verdict and, when it asks for approval, the approval request to publish with it.
   *
   * @param verdict for the waiting proxy
   * @param approvalRequested for {@code witness.approvals}, or null
   */
  public record Outcome(Verdict verdict, ApprovalRequested approvalRequested) {}

  private final PolicyEvaluator evaluator;
  private final ToolVisibility toolVisibility;
  private final String policyVersion;
  private final PathTemplates pathTemplates;
  private final Clock clock;

  /**
   * Prepares the policy once.
   *
   * @throws IllegalArgumentException naming the field when the policy is not valid
   */
  public VerdictFactory(PolicyConfig policy, Clock clock) {
    this.evaluator = new PolicyEvaluator(policy);
    this.toolVisibility = new ToolVisibility(evaluator);
    this.policyVersion = PolicyVersion.of(policy);
    this.pathTemplates = PathTemplates.of(policy.pathTemplates());
    this.clock = clock;
  }

  /** The version recorded on every verdict of this factory. */
  public String policyVersion() {
    return policyVersion;
  }

  /** The verdict for {@code request} when no approval has been granted yet. */
  public Verdict verdictFor(RequestIntercepted request) {
    return decide(request, GrantLookup.none()).verdict();
  }

  /**
   * The verdict for {@code request}; the caller has checked that authentication succeeded. Its event
   * id is derived from the request's, so deciding a replayed request again yields the same id, and
   * the same approval id when it needs approval. A request that needs approval passes when
   * {@code grants} holds a grant for the same agent and exact request, or a time-boxed grant of the
   * agent for the rules that hold it on the same resource.
   */
  public Outcome decide(RequestIntercepted request, GrantLookup grants) {
    EventHeader header = EventHeaders.derive(request.getHeader(), DerivedEventId.Kind.VERDICT, clock);
    header.setPolicyVersion(policyVersion);
    if (ToolVisibility.isListedTools(request)) {
      // Not a call: the result the server already gave is filtered, so it is allowed with what to hide.
      ToolVisibility.Filter filter = toolVisibility.filter(request);
      return new Outcome(Verdict.newBuilder()
          .setHeader(header)
          .setRequestId(request.getRequestId())
          .setReplyPartition(request.getReplyPartition())
          .setDecision(Decision.ALLOW)
          .setRules(filter.rules())
          .setReason(filter.hidden().isEmpty() ? null : "tools hidden by policy: " + String.join(", ", filter.hidden()))
          .setHiddenTools(filter.hidden())
          .build(), null);
    }
    PolicyRequest facts = PolicyRequest.of(request, pathTemplates);
    PolicyDecision decision = evaluator.evaluate(facts);
    Verdict.Builder verdict = Verdict.newBuilder()
        .setHeader(header)
        .setRequestId(request.getRequestId())
        .setReplyPartition(request.getReplyPartition())
        .setDecision(decision.decision())
        .setRules(decision.rules())
        .setReason(decision.reason())
        .setMaskPlan(decision.maskPlan())
        .setApprovalId(null);
    if (decision.decision() != Decision.REQUIRE_APPROVAL) {
      return new Outcome(verdict.build(), null);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String requestHash = RequestHash.of(request);
    Optional<Grant> grant = grants.forRequest(facts.agentId(), requestHash, micros(now))
        .or(() -> grants.forRules(facts.agentId(), facts.resource(), decision.rules(), micros(now)));
    if (grant.isPresent()) {
      return new Outcome(verdict.setDecision(Decision.ALLOW).setApprovalId(grant.get().approvalId())
          .setReason("approved earlier (approval " + grant.get().approvalId() + ")").build(), null);
    }
    String approvalId = DerivedEventId.of(DerivedEventId.Kind.APPROVAL, request.getHeader());
    ApprovalRequirement approval = decision.approval();
    EventHeader requestedHeader = EventHeaders.derive(request.getHeader(), DerivedEventId.Kind.APPROVAL_REQUESTED, clock);
    requestedHeader.setPolicyVersion(policyVersion);
    ApprovalRequested requested = ApprovalRequested.newBuilder()
        .setHeader(requestedHeader)
        .setApprovalId(approvalId)
        .setRequestId(request.getRequestId())
        .setRequestHash(requestHash)
        .setRules(decision.rules())
        .setQuorum(approval.quorum())
        .setApproverGroup(approval.approverGroup())
        .setExpiresAt(now.plus(approval.timeout()))
        .setReplyPartition(request.getReplyPartition())
        .setStatement(RequestClassifier.describe(request))
        .setRisk(facts.classified().risk().name())
        .setGrantWindowMillis(approval.grantWindow().toMillis())
        .setMaskPlan(decision.maskPlan())
        .build();
    return new Outcome(verdict.setApprovalId(approvalId).build(), requested);
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }
}
