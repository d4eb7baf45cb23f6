package dev.witness.connectors.slack;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The ids of the interactive parts of an approval message. Each button's {@code action_id} carries
 * the approval id, so a click names the approval it answers without any lookup.
 */
public final class ApprovalActions {

  /** Prefix of the Approve button's action id; the approval id follows. */
  public static final String APPROVE_PREFIX = "witness_approve:";
  /** Prefix of the Reject button's action id; the approval id follows. */
  public static final String REJECT_PREFIX = "witness_reject:";
  /** Callback id of the modal that asks a rejecting approver for a reason. */
  public static final String REJECT_MODAL = "witness_reject_reason";
  /** Block and action ids of the reason input in that modal. */
  public static final String REASON_BLOCK = "reason";
  public static final String REASON_ACTION = "reason_input";

  /** Matches every Approve button. */
  public static final Pattern APPROVE = Pattern.compile("^" + Pattern.quote(APPROVE_PREFIX) + ".+$", Pattern.DOTALL);
  /** Matches every Reject button. */
  public static final Pattern REJECT = Pattern.compile("^" + Pattern.quote(REJECT_PREFIX) + ".+$", Pattern.DOTALL);

  /** Slack's limit on an action id. */
  static final int MAX_ACTION_ID = 255;

  private ApprovalActions() {}

  public static String approve(String approvalId) {
    return checked(APPROVE_PREFIX + approvalId);
  }

  public static String reject(String approvalId) {
    return checked(REJECT_PREFIX + approvalId);
  }

  /** The approval id carried by an Approve or Reject action id, if it is one of ours. */
  public static Optional<String> approvalId(String actionId) {
    if (actionId == null) {
      return Optional.empty();
    }
    for (String prefix : new String[] {APPROVE_PREFIX, REJECT_PREFIX}) {
      if (actionId.startsWith(prefix) && actionId.length() > prefix.length()) {
        return Optional.of(actionId.substring(prefix.length()));
      }
    }
    return Optional.empty();
  }

  private static String checked(String actionId) {
    if (actionId.length() > MAX_ACTION_ID) {
      throw new IllegalArgumentException("approval id too long for a Slack action id (" + actionId.length() + " > 255)");
    }
    return actionId;
  }
}
