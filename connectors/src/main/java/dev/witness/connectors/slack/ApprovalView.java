package dev.witness.connectors.slack;

import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What an approver is shown about one approval request, taken as-is from {@link ApprovalRequested}:
 * the connector shows what the topology decided and masked, it never decides or masks itself.
 *
 * @param statement the request as approvers see it (already masked), or null if not provided
 * @param risk the risk level from classification, or null if not provided
 */
public record ApprovalView(
    String approvalId,
    String agentId,
    String delegatingHuman,
    String purpose,
    String target,
    String protocol,
    String statement,
    String risk,
    List<String> rules,
    int quorum,
    String approverGroup,
    Instant expiresAt) {

  public ApprovalView {
    Objects.requireNonNull(approvalId, "approvalId");
    rules = rules == null ? List.of() : List.copyOf(rules);
  }

  /** The view of one {@code ApprovalRequested} event. */
  public static ApprovalView of(ApprovalRequested requested) {
    EventHeader header = requested.getHeader();
    return new ApprovalView(
        requested.getApprovalId(),
        header.getAgent().getId(),
        header.getAgent().getDelegatingHuman(),
        header.getPurpose(),
        header.getResource(),
        header.getProtocol() == null ? null : header.getProtocol().name(),
        requested.getStatement(),
        requested.getRisk(),
        requested.getRules(),
        requested.getQuorum(),
        requested.getApproverGroup(),
        requested.getExpiresAt());
  }
}
