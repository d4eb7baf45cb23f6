package dev.witness.evidence.approval;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.ids.UuidV7;
import java.time.Clock;

/** Builds the {@link ApprovalDecision} an API user's decision is recorded as; pure but for the clock and id. */
public final class DecisionFactory {

  /** The channel recorded for decisions made through the REST API (and the CLI, which calls it). */
  public static final String CHANNEL = "api";

  private final Clock clock;
  private final UuidV7 ids;

  public DecisionFactory(Clock clock) {
    this.clock = clock;
    this.ids = new UuidV7(clock);
  }

  /**
   * The decision of {@code approverId} (the API user's id) on {@code approvalId}.
   *
   * @param approverEmail the user's configured e-mail address, or null
   */
  public ApprovalDecision decide(String approvalId, String approverId, String approverEmail, DecisionInput input) {
    return ApprovalDecision.newBuilder()
        .setDecisionId(ids.nextString())
        .setApprovalId(approvalId)
        .setChannel(CHANNEL)
        .setApproverId(approverId)
        .setApproverEmail(approverEmail)
        .setApprove(input.approve())
        .setReason(input.reason())
        .setDecidedAt(clock.instant())
        .build();
  }
}
