package dev.witness.proxy.pg;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.PgProtocolException;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Verdict;
import io.netty.handler.codec.DecoderException;

/** Turns any failure of the PostgreSQL proxy into the ErrorResponse the agent receives. */
public final class PgErrors {

  public static final String INSUFFICIENT_PRIVILEGE = "42501";
  public static final String CONNECTION_FAILURE = "08006";
  public static final String PROTOCOL_VIOLATION = "08P01";
  public static final String INVALID_PASSWORD = "28P01";
  public static final String INVALID_CATALOG = "3D000";
  public static final String INVALID_CURSOR = "34000";
  public static final String NOT_SUPPORTED = "0A000";
  public static final String QUERY_CANCELED = "57014";
  /** A malformed {@code -c witness.*} startup option (what PostgreSQL answers to a bad setting). */
  public static final String INVALID_PARAMETER_VALUE = "22023";
  static final String ERROR = "ERROR";
  static final String FATAL = "FATAL";

  private PgErrors() {}

  /** The one mapping from failures to SQLSTATEs; FATAL ones end the connection. */
  public static ErrorResponse toErrorResponse(Throwable error) {
    Throwable t = WitnessGate.unwrap(error);
    if (t instanceof DecoderException && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof RequestDeniedException d) {
      return denied(d.verdict());
    }
    if (t instanceof WitnessUnavailableException u) {
      return u.stage() == WitnessUnavailableException.Stage.REQUEST
          ? ErrorResponse.of(ERROR, CONNECTION_FAILURE,
              "Witness cannot record this statement; nothing was forwarded (" + u.reason() + ")")
          : ErrorResponse.of(FATAL, CONNECTION_FAILURE,
              "Witness cannot record this result; the rest of it was withheld (" + u.reason() + ")");
    }
    if (t instanceof PgProtocolException p) {
      return ErrorResponse.of(FATAL, PROTOCOL_VIOLATION, "protocol error: " + p.getMessage());
    }
    if (t instanceof BackendUnavailableException b) {
      return b.backendError() != null ? b.backendError()
          : ErrorResponse.of(FATAL, CONNECTION_FAILURE, "Witness cannot reach the database: " + b.getMessage());
    }
    return ErrorResponse.of(FATAL, "XX000", "internal error in Witness (" + t.getClass().getSimpleName() + ")");
  }

  /** The token did not match, or does not belong to the user name. */
  public static ErrorResponse authenticationFailed(String user) {
    return ErrorResponse.of(FATAL, INVALID_PASSWORD, "password authentication failed for user \"" + user + "\"");
  }

  public static ErrorResponse unknownPortal(String portal) {
    return ErrorResponse.of(ERROR, INVALID_CURSOR, "portal \"" + portal + "\" does not exist; nothing was forwarded");
  }

  /** Witness aborted a COPY FROM STDIN because it could not record its data; the backend stored none of it. */
  public static ErrorResponse copyNotRecorded(Throwable error) {
    String reason = error instanceof WitnessUnavailableException u ? u.reason() : "event not recorded";
    return ErrorResponse.of(ERROR, CONNECTION_FAILURE,
        "Witness cannot record the COPY data; the COPY was aborted and none of it was stored (" + reason + ")");
  }

  /** The agent cancelled a statement held for approval {@code approvalId}, which Witness then cancelled. */
  public static ErrorResponse cancelled(String approvalId) {
    return ErrorResponse.of(ERROR, QUERY_CANCELED, "canceling statement due to user request; approval " + approvalId
        + " was cancelled and nothing was forwarded");
  }

  public static ErrorResponse notSupported(String what) {
    return ErrorResponse.of(ERROR, NOT_SUPPORTED, what + " is not supported through Witness");
  }

  private static ErrorResponse denied(Verdict v) {
    String rules = v.getRules().isEmpty() ? "the default decision" : "rule " + String.join(", ", v.getRules());
    String what = v.getDecision() == Decision.REQUIRE_APPROVAL
        ? "needs a human approval (" + rules + ")" : "was denied by Witness policy (" + rules + ")";
    String reason = v.getReason() == null ? "" : ": " + v.getReason();
    String approval = v.getApprovalId() == null ? ""
        : v.getDecision() == Decision.REQUIRE_APPROVAL
            ? "; approval " + v.getApprovalId() + " is pending: re-run the same statement once it is approved"
            : " (approval " + v.getApprovalId() + ")";
    return ErrorResponse.of(ERROR, INSUFFICIENT_PRIVILEGE, "this statement " + what + reason + "; nothing was forwarded" + approval);
  }
}
