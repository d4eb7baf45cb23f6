package dev.witness.streams.approval;

import java.util.List;

/**
 * What the approval topology keeps of an {@code ApprovalRequested} to answer the held request and
 * head its events: the request's session, agent and target, and where its proxy waits.
 *
 * @param requestedEventId event id of the {@code ApprovalRequested}; derived ids hang off it
 * @param requestedAtMicros its timestamp
 * @param replyPartition partition of {@code witness.replies} the proxy waits on, -1 when none
 * @param rules the policy rules that asked for the approval
 * @param maskPlan the masking plan the responses get once approved, or null for the default masking
 */
public record ApprovalSubject(
    String requestedEventId,
    long requestedAtMicros,
    String sessionId,
    long sequence,
    String agentId,
    String issuer,
    String delegatingHuman,
    String purpose,
    String resource,
    String protocol,
    String policyVersion,
    String requestId,
    int replyPartition,
    List<String> rules,
    String maskPlan) {

  public ApprovalSubject {
    rules = rules == null ? List.of() : List.copyOf(rules);
  }
}
