package dev.witness.evidence.approval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.evidence.document.DocumentJson;
import java.util.List;

/**
 * One approval as approvers see it: what was asked (agent, purpose, resource, the statement as
 * the ledger recorded it, masked), under which rules and quorum, and how it ended. Built from the
 * stored event documents, so it shows exactly what was ingested. Decisions are those the ledger
 * recorded with the final outcome; while an approval is pending, {@code votes} lists what
 * approvers said so far (received, not yet counted by the state machine).
 *
 * @param agent the agent as authenticated ({@code id}, {@code issuer}, {@code delegatingHuman})
 * @param decisions each counted vote: decision id, channel, approver id and e-mail, approve, reason, decidedAt
 * @param refused votes that did not count, each with why
 * @param votes while pending: the votes received so far; absent once final
 */
public record ApprovalView(
    String approvalId,
    String state,
    String sessionId,
    String requestId,
    JsonNode agent,
    String purpose,
    String resource,
    String protocol,
    String statement,
    String risk,
    JsonNode rules,
    Integer quorum,
    String approverGroup,
    String requestedAt,
    String expiresAt,
    String decidedAt,
    JsonNode decisions,
    JsonNode refused,
    List<ReceivedVote> votes) {

  private static final ObjectMapper MAPPER = DocumentJson.mapper();

  /** The view of a stored approval with the votes received for it; pure. */
  public static ApprovalView of(ApprovalRow row, List<ReceivedVote> received) {
    JsonNode requested = parse(row.requestedJson());
    JsonNode approval = requested.path("approval");
    JsonNode ended = row.finalJson() == null ? null : parse(row.finalJson());
    JsonNode outcome = ended == null ? null : ended.path("approval");
    return new ApprovalView(
        row.approvalId(),
        row.state().wireName(),
        text(requested, "sessionId"),
        text(requested, "requestId"),
        requested.get("agent"),
        text(requested, "purpose"),
        text(requested, "resource"),
        text(requested, "protocol"),
        text(approval, "statement"),
        text(approval, "risk"),
        approval.get("rules"),
        approval.hasNonNull("quorum") ? approval.get("quorum").asInt() : null,
        text(approval, "approverGroup"),
        text(requested, "timestamp"),
        text(approval, "expiresAt"),
        ended == null ? null : text(ended, "timestamp"),
        outcome == null || !outcome.has("decisions") ? MAPPER.createArrayNode() : outcome.get("decisions"),
        outcome == null ? null : outcome.get("refused"),
        row.state().isFinal() ? null : List.copyOf(received));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      // the store only holds documents this service wrote; unreadable means a broken store
      throw new IllegalStateException("Stored approval document is not JSON", e);
    }
  }
}
