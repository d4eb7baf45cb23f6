package dev.witness.connectors.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RefusedDecision;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * The JSON body a webhook receives for one approval event: a stable, documented shape (not Avro's),
 * with {@code type} {@code approval.requested}, {@code approval.decided} or {@code approval.expired}.
 */
public final class WebhookPayload {

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  /** The event id receivers deduplicate by, and the body; empty for events that are not approvals. */
  public record Body(String eventId, String json) {}

  public static Optional<Body> of(SpecificRecord event) {
    ObjectNode n = JSON.createObjectNode();
    EventHeader header;
    if (event instanceof ApprovalRequested r) {
      header = r.getHeader();
      n.put("type", "approval.requested");
      common(n, header, r.getApprovalId());
      n.put("requestId", r.getRequestId());
      n.put("requestHash", r.getRequestHash());
      n.put("statement", r.getStatement());
      n.put("risk", r.getRisk());
      ArrayNode rules = n.putArray("rules");
      r.getRules().forEach(rules::add);
      n.put("quorum", r.getQuorum());
      n.put("approverGroup", r.getApproverGroup());
      n.put("expiresAt", time(r.getExpiresAt()));
    } else if (event instanceof ApprovalDecided d) {
      header = d.getHeader();
      n.put("type", "approval.decided");
      common(n, header, d.getApprovalId());
      n.put("outcome", d.getOutcome().name());
      ArrayNode decisions = n.putArray("decisions");
      d.getDecisions().forEach(v -> decisions.add(decision(v)));
      ArrayNode refused = n.putArray("refused");
      for (RefusedDecision r : d.getRefused()) {
        refused.add(decision(r.getDecision()).put("why", r.getWhy()));
      }
    } else if (event instanceof ApprovalExpired e) {
      header = e.getHeader();
      n.put("type", "approval.expired");
      common(n, header, e.getApprovalId());
    } else {
      return Optional.empty();
    }
    try {
      return Optional.of(new Body(header.getEventId(), JSON.writeValueAsString(n)));
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot encode webhook payload", ex);
    }
  }

  private static void common(ObjectNode n, EventHeader h, String approvalId) {
    n.put("eventId", h.getEventId());
    n.put("approvalId", approvalId);
    n.put("occurredAt", time(h.getTimestamp()));
    n.put("sessionId", h.getSessionId());
    ObjectNode agent = n.putObject("agent");
    agent.put("id", h.getAgent().getId());
    agent.put("issuer", h.getAgent().getIssuer());
    agent.put("delegatingHuman", h.getAgent().getDelegatingHuman());
    n.put("purpose", h.getPurpose());
    n.put("resource", h.getResource());
    n.put("protocol", h.getProtocol() == null ? null : h.getProtocol().name());
  }

  private static ObjectNode decision(ApprovalDecision d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("decisionId", d.getDecisionId());
    n.put("channel", d.getChannel());
    n.put("approverId", d.getApproverId());
    n.put("approverEmail", d.getApproverEmail());
    n.put("approve", d.getApprove());
    n.put("reason", d.getReason());
    n.put("decidedAt", time(d.getDecidedAt()));
    return n;
  }

  private static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
