package dev.witness.schemas.config;

/**
 * Where approval requests are sent to humans. Approval policy (who may approve, quorum, expiry)
 * lives in {@code policy}; this section only wires channels.
 *
 * @param slack the Slack approver channel; absent when Slack is not used
 * @param webhook a generic webhook told of every approval event; absent when not used
 */
public record ApprovalsConfig(SlackApprovalsConfig slack, WebhookApprovalsConfig webhook) {

  public static ApprovalsConfig defaults() {
    return new ApprovalsConfig(null, null);
  }
}
