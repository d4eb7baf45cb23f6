package dev.witness.schemas.config;

import java.time.Duration;

/**
 * How a {@code require-approval} rule is approved.
 *
 * @param quorum distinct approvers needed, at least 1
 * @param approverGroup name of a group in {@code policy.approvers.groups} whose members may
 *     approve; absent = a member of any group
 * @param timeout how long approvers have before the approval expires
 * @param grantWindow after approval, how long the same agent may re-run the exact same request
 *     without asking again; {@code 0s} = only the held request
 */
public record ApprovalRequirement(Integer quorum, String approverGroup, Duration timeout, Duration grantWindow) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);
  public static final Duration DEFAULT_GRANT_WINDOW = Duration.ofMinutes(15);

  public ApprovalRequirement {
    quorum = quorum == null ? 1 : quorum;
    timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    grantWindow = grantWindow == null ? DEFAULT_GRANT_WINDOW : grantWindow;
  }

  public static ApprovalRequirement defaults() {
    return new ApprovalRequirement(null, null, null, null);
  }
}
