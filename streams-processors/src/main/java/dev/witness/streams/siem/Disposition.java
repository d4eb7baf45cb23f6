package dev.witness.streams.siem;

import dev.witness.schemas.event.Decision;

/**
 * How Witness handled a request, in OCSF terms (security_control profile and base status).
 *
 * @param actionId {@code action_id}: 1 Allowed, 2 Denied, 99 Other
 * @param action its caption
 * @param dispositionId {@code disposition_id}: 1 Allowed, 2 Blocked, 14 Delayed
 * @param disposition its caption
 * @param statusId {@code status_id}: 1 Success, 2 Failure, 99 Other
 * @param status its caption
 * @param severityId {@code severity_id}: 1 Informational, 2 Low, 3 Medium
 */
public record Disposition(
    int actionId, String action, int dispositionId, String disposition, int statusId, String status, int severityId) {

  /** The disposition of a policy decision. */
  public static Disposition of(Decision decision) {
    return switch (decision) {
      case ALLOW -> new Disposition(1, "Allowed", 1, "Allowed", 1, "Success", 1);
      case DENY -> new Disposition(2, "Denied", 2, "Blocked", 2, "Failure", 3);
      // Held, not refused: the request waits for a human and a second event reports the outcome.
      case REQUIRE_APPROVAL -> new Disposition(99, "Held for approval", 14, "Delayed", 99, "Pending approval", 2);
    };
  }

  /** The severity caption of {@link #severityId}. */
  public static String severity(int severityId) {
    return switch (severityId) {
      case 1 -> "Informational";
      case 2 -> "Low";
      case 3 -> "Medium";
      case 4 -> "High";
      case 5 -> "Critical";
      case 6 -> "Fatal";
      case 99 -> "Other";
      default -> "Unknown";
    };
  }
}
