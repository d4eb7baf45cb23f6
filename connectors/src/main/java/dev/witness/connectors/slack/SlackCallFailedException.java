package dev.witness.connectors.slack;

import java.util.Set;

/**
 * A Slack Web API call did not succeed. {@link #retryable()} tells whether trying again later can
 * help (Slack or the network is down, rate limits, a token or channel an operator can fix), as
 * opposed to a request Slack will always refuse.
 */
public final class SlackCallFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Slack error codes that waiting, or an operator fixing the app, can resolve. */
  private static final Set<String> RETRYABLE = Set.of(
      "ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout",
      "invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired", "no_permission",
      "missing_scope", "channel_not_found", "not_in_channel", "is_archived", "team_access_not_granted",
      "access_denied");

  private final String method;
  private final String error;
  private final boolean retryable;

  private SlackCallFailedException(String method, String error, boolean retryable, Throwable cause) {
    super(method + " failed: " + error, cause);
    this.method = method;
    this.error = error;
    this.retryable = retryable;
  }

  /** Slack answered {@code ok:false} with this error code. */
  public static SlackCallFailedException refused(String method, String error) {
    String code = error == null ? "unknown_error" : error;
    return new SlackCallFailedException(method, code, RETRYABLE.contains(code), null);
  }

  /** No usable answer: network failure or a non-200 HTTP status (such as 429 or 5xx). */
  public static SlackCallFailedException unreachable(String method, Exception cause) {
    return new SlackCallFailedException(method, cause.getClass().getSimpleName() + ": " + cause.getMessage(), true, cause);
  }

  public String method() {
    return method;
  }

  /** Slack's error code, or a description of the transport failure. */
  public String error() {
    return error;
  }

  public boolean retryable() {
    return retryable;
  }
}
