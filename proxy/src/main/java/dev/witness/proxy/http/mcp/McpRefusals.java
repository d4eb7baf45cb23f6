package dev.witness.proxy.http.mcp;

import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Verdict;
import java.util.List;

/** Turns a refusing verdict into the JSON-RPC error an MCP client shows as a failed call. */
public final class McpRefusals {

  private McpRefusals() {}

  /** The error answering the request with id {@code idJson} that {@code verdict} refused. */
  public static JsonRpcError of(Verdict verdict, String idJson) {
    boolean approval = verdict.getDecision() == Decision.REQUIRE_APPROVAL;
    List<String> rules = List.copyOf(verdict.getRules());
    String because = verdict.getReason() == null ? "" : ": " + verdict.getReason();
    String message = (approval ? "Approval required by Witness rule(s) " : "Denied by Witness rule(s) ")
        + (rules.isEmpty() ? "(default policy)" : String.join(", ", rules)) + because
        + (approval && verdict.getApprovalId() != null
            ? "; approval " + verdict.getApprovalId() + " is pending: call again once it is approved" : "")
        + " (request " + verdict.getRequestId() + ")";
    return new JsonRpcError(idJson, approval ? JsonRpcError.APPROVAL_REQUIRED : JsonRpcError.DENIED, message, 200);
  }
}
