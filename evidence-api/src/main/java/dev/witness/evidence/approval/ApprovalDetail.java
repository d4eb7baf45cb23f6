package dev.witness.evidence.approval;

import dev.witness.evidence.document.Formats;
import java.util.List;

/**
 * An approval with what followed it: each request the approval covered (the held one, and
 * re-runs within a grant window) and what the ledger recorded of its response.
 */
public record ApprovalDetail(ApprovalView approval, List<Execution> executions) {

  /** The recorded response of one request the approval covered; no bodies. */
  public record Execution(String requestId, long chunks, String firstAt, String lastAt, Integer status,
      String commandTag, boolean complete, String error) {

    static Execution of(ExecutionRow r) {
      return new Execution(r.requestId(), r.chunks(), Formats.timestamp(r.firstAt().toInstant()),
          Formats.timestamp(r.lastAt().toInstant()), r.status(), r.commandTag(), r.complete(), r.error());
    }
  }
}
