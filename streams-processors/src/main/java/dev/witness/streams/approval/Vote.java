package dev.witness.streams.approval;

import java.util.Locale;
import java.util.Objects;

/**
 * One person's decision on an approval, as an {@code ApprovalDecision} carries it.
 *
 * @param decisionId unique per decision; a repeated id is the same decision delivered again
 * @param approverId the approver as the channel knows them, e.g. a Slack user id
 * @param approverEmail their e-mail address, when the channel knows it
 * @param approve true to approve, false to reject
 * @param reason what the approver wrote, or null
 * @param channel {@code slack}, {@code cli} or {@code rest}
 * @param decidedAtMicros when the approver decided, microseconds since the epoch
 * @param grantScope what an approval grants; null = the exact request
 * @param cancel true when this is not a vote but the requesting side withdrawing its request (the
 *     agent cancelled it or went away while it was held); {@code approve} is then false
 */
public record Vote(
    String decisionId, String approverId, String approverEmail, boolean approve, String reason, String channel,
    long decidedAtMicros, GrantScope grantScope, boolean cancel) {

  /** The {@code ApprovalDecision.kind} of a cancel. */
  public static final String CANCEL = "cancel";

  public Vote {
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(approverId, "approverId");
    grantScope = grantScope == null ? GrantScope.REQUEST : grantScope;
    approve = approve && !cancel;
  }

  /** A vote with a grant scope. */
  public Vote(String decisionId, String approverId, String approverEmail, boolean approve, String reason, String channel,
      long decidedAtMicros, GrantScope grantScope) {
    this(decisionId, approverId, approverEmail, approve, reason, channel, decidedAtMicros, grantScope, false);
  }

  /** The requesting agent {@code agentId} withdrawing its request, e.g. because its connection closed. */
  public static Vote cancel(String decisionId, String agentId, String reason, String channel, long decidedAtMicros) {
    return new Vote(decisionId, agentId, null, false, reason, channel, decidedAtMicros, GrantScope.REQUEST, true);
  }

  /** A vote for the exact request. */
  public Vote(String decisionId, String approverId, String approverEmail, boolean approve, String reason, String channel,
      long decidedAtMicros) {
    this(decisionId, approverId, approverEmail, approve, reason, channel, decidedAtMicros, GrantScope.REQUEST);
  }

  /** Whether {@code identity} (an e-mail address or a channel id) names this approver; case-insensitive. */
  public boolean isBy(String identity) {
    if (identity == null || identity.isBlank()) {
      return false;
    }
    String id = identity.strip().toLowerCase(Locale.ROOT);
    return id.equals(approverId.toLowerCase(Locale.ROOT))
        || approverEmail != null && id.equals(approverEmail.toLowerCase(Locale.ROOT));
  }

  /** Whether this and {@code other} were cast by the same person (same id or same e-mail address). */
  public boolean sameApprover(Vote other) {
    return other.isBy(approverId) || approverEmail != null && other.isBy(approverEmail);
  }
}
