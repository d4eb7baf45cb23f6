package dev.witness.evidence.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.Set;

/**
 * An approver's decision as posted: {@code {"approve": true|false, "reason": "..."}}. A rejection
 * needs a reason, so the evidence says why a request was refused.
 */
public record DecisionInput(boolean approve, String reason) {

  /** Longest reason kept, so one decision stays a small Kafka record and a readable Slack line. */
  public static final int MAX_REASON_CHARS = 2000;

  private static final Set<String> FIELDS = Set.of("approve", "reason");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Parses and validates a request body.
   *
   * @throws InvalidDecision naming the field and the fix
   */
  public static DecisionInput parse(String body) {
    JsonNode json;
    try {
      json = body == null || body.isBlank() ? null : MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new InvalidDecision("body", "is not JSON; send {\"approve\": true|false, \"reason\": \"...\"}");
    }
    if (json == null || !json.isObject()) {
      throw new InvalidDecision("body", "must be a JSON object like {\"approve\": true, \"reason\": \"...\"}");
    }
    for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new InvalidDecision(name, "unknown field; allowed are [approve, reason]");
      }
    }
    JsonNode approve = json.get("approve");
    if (approve == null || !approve.isBoolean()) {
      throw new InvalidDecision("approve", "required, true to approve or false to reject");
    }
    JsonNode reasonNode = json.get("reason");
    if (reasonNode != null && !reasonNode.isNull() && !reasonNode.isTextual()) {
      throw new InvalidDecision("reason", "must be a string");
    }
    String reason = reasonNode == null || reasonNode.isNull() ? null : reasonNode.asText().strip();
    if (reason != null && reason.isEmpty()) {
      reason = null;
    }
    if (reason != null && reason.length() > MAX_REASON_CHARS) {
      throw new InvalidDecision("reason", "is " + reason.length() + " characters; keep it under "
          + MAX_REASON_CHARS);
    }
    if (!approve.booleanValue() && reason == null) {
      throw new InvalidDecision("reason", "required to reject; say why the request is refused");
    }
    return new DecisionInput(approve.booleanValue(), reason);
  }

  /** A decision body that cannot be accepted, naming the field. */
  public static final class InvalidDecision extends RuntimeException {

    private final String field;

    InvalidDecision(String field, String detail) {
      super(field + ": " + detail, null, false, false);
      this.field = field;
    }

    /** The offending field, or {@code body} for the body as a whole. */
    public String field() {
      return field;
    }
  }
}
