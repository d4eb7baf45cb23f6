package dev.witness.streams.verdict;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.event.EventHeaders;
import dev.witness.streams.policy.PolicyDecision;
import dev.witness.streams.policy.PolicyEvaluator;
import dev.witness.streams.policy.PolicyRequest;
import dev.witness.streams.policy.PolicyVersion;
import java.time.Clock;

/** Turns an authenticated request into its {@link Verdict} under one policy. */
public final class VerdictFactory {

  private final PolicyEvaluator evaluator;
  private final String policyVersion;
  private final Clock clock;

  /**
   * Prepares the policy once.
   *
   * @throws IllegalArgumentException naming the field when the policy is not valid
   */
  public VerdictFactory(PolicyConfig policy, Clock clock) {
    this.evaluator = new PolicyEvaluator(policy);
    this.policyVersion = PolicyVersion.of(policy);
    this.clock = clock;
  }

  /** The version recorded on every verdict of this factory. */
  public String policyVersion() {
    return policyVersion;
  }

  /**
   * The verdict for {@code request}; the caller has checked that authentication succeeded. Its event
   * id is derived from the request's, so deciding a replayed request again yields the same id.
   */
  public Verdict verdictFor(RequestIntercepted request) {
    PolicyDecision decision = evaluator.evaluate(PolicyRequest.of(request));
    EventHeader header = EventHeaders.derive(request.getHeader(), DerivedEventId.Kind.VERDICT, clock);
    header.setPolicyVersion(policyVersion);
    return Verdict.newBuilder()
        .setHeader(header)
        .setRequestId(request.getRequestId())
        .setReplyPartition(request.getReplyPartition())
        .setDecision(decision.decision())
        .setRules(decision.rules())
        .setReason(decision.reason())
        .setMaskPlan(null)
        .setApprovalId(null)
        .build();
  }
}
