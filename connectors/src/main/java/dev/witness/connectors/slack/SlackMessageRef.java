package dev.witness.connectors.slack;

import java.util.Objects;

/**
 * Where the approval message of one approval lives in Slack, with what it showed, so the message
 * can be updated in place when the approval ends.
 *
 * @param channel channel id returned by {@code chat.postMessage}
 * @param ts message timestamp returned by {@code chat.postMessage} (Slack's message id)
 */
public record SlackMessageRef(String channel, String ts, ApprovalView view) {

  public SlackMessageRef {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ts, "ts");
    Objects.requireNonNull(view, "view");
  }
}
