package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.SqlResultHead;
import java.util.List;

/**
 * The target's answer to an allowed request, read from the masked chunk that settles it: the first
 * chunk with an HTTP status, or the last chunk (which carries a SQL command tag), or a chunk
 * reporting that the target failed. Only the status, command tag and masking counts are used:
 * never the payload, and never the target's error text, which may quote data.
 */
public final class ResponseOutcome {

  private ResponseOutcome() {}

  /** Whether {@code chunk} tells how the request ended. */
  public static boolean settles(MaskedChunk chunk) {
    return chunk.getHead() instanceof HttpResponseHead || chunk.getLast() || chunk.getError() != null;
  }

  /** Allowed, with status Success, or Failure for a target error or an HTTP status of 400 and above. */
  public static Outcome outcome(MaskedChunk chunk) {
    boolean targetFailed = chunk.getError() != null;
    Integer status = chunk.getHead() instanceof HttpResponseHead head ? head.getStatus() : null;
    boolean failed = targetFailed || (status != null && status >= 400);
    String label = targetFailed ? "target error"
        : status != null ? "response " + status
        : "response " + (commandTag(chunk) == null ? "complete" : commandTag(chunk));
    String detail = targetFailed ? "the target failed; the response is partial" : failed ? "HTTP " + status : null;
    Disposition disposition = new Disposition(1, "Allowed", 1, "Allowed", failed ? 2 : 1, failed ? "Failure" : "Success",
        failed ? 2 : 1);
    return new Outcome(chunk.getHeader().getEventId(), disposition, detail, List.of(), label);
  }

  /** Adds the response attributes: {@code http_response.code}, {@code status_code}, masking counts. */
  static OcsfEvent annotate(OcsfEvent event, MaskedChunk chunk) {
    ObjectNode json = event.json();
    if (chunk.getHead() instanceof HttpResponseHead head) {
      json.putObject("http_response").put("code", head.getStatus());
      json.put("status_code", Integer.toString(head.getStatus()));
    } else if (commandTag(chunk) != null) {
      json.put("status_code", commandTag(chunk));
    }
    ObjectNode response = event.unmapped().putObject("response");
    response.put("chunk_index", chunk.getChunkIndex());
    response.put("complete", chunk.getLast() && chunk.getError() == null);
    response.put("target_error", chunk.getError() != null);
    response.put("maskings", chunk.getMaskings().stream().mapToInt(m -> m.getCount()).sum());
    return event;
  }

  private static String commandTag(MaskedChunk chunk) {
    return chunk.getHead() instanceof SqlResultHead head ? head.getCommandTag() : null;
  }
}
