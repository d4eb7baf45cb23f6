package dev.witness.streams.siem;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import java.time.Instant;
import java.util.List;

/**
 * The approval lifecycle as OCSF Entity Management (3004) of the approval, a managed entity of type
 * {@code Other}: requested is Create (1), decided Update (3) with the approvers and outcome, expired
 * Update (3) with outcome {@code EXPIRED}. The agent whose request is held is the {@code actor}.
 */
public final class EntityManagementMapper {

  private EntityManagementMapper() {}

  public static OcsfEvent requested(ApprovalRequested approval, Instant processed) {
    OcsfEvent event = base(approval.getHeader(), 1, "Create", approval.getApprovalId(), processed)
        .correlation(approval.getRequestId())
        .severity(riskSeverity(approval.getRisk()))
        .status(1, "Success", null)
        .message("approval " + approval.getApprovalId() + " requested for agent "
            + approval.getHeader().getAgent().getId() + " on " + approval.getHeader().getResource());
    ObjectNode approvalFacts = event.unmapped().putObject("approval");
    approvalFacts.put("request_hash", approval.getRequestHash());
    approvalFacts.put("quorum", approval.getQuorum());
    OcsfEvent.putIfPresent(approvalFacts, "approver_group", approval.getApproverGroup());
    OcsfEvent.putIfPresent(approvalFacts, "statement", approval.getStatement());
    OcsfEvent.putIfPresent(approvalFacts, "risk", approval.getRisk());
    approvalFacts.put("expires_at", approval.getExpiresAt().toEpochMilli());
    rules(event, approval.getRules());
    return event;
  }

  public static OcsfEvent decided(ApprovalDecided approval, Instant processed) {
    boolean approved = approval.getOutcome() == ApprovalOutcome.APPROVED;
    OcsfEvent event = base(approval.getHeader(), 3, "Update", approval.getApprovalId(), processed)
        .severity(approved ? 2 : 1)
        .status(1, "Success", null)
        .message("approval " + approval.getApprovalId() + " " + approval.getOutcome().name().toLowerCase(java.util.Locale.ROOT)
            + " for agent " + approval.getHeader().getAgent().getId());
    event.json().put("comment", approval.getOutcome().name());
    ObjectNode approvalFacts = event.unmapped().putObject("approval");
    approvalFacts.put("outcome", approval.getOutcome().name());
    OcsfEvent.putIfPresent(approvalFacts, "grant_scope", approval.getGrantScope());
    approvalFacts.put("grant_expires_at", approval.getGrantExpiresAt().toEpochMilli());
    ArrayNode approvers = approvalFacts.putArray("decisions");
    for (ApprovalDecision decision : approval.getDecisions()) {
      ObjectNode d = approvers.addObject();
      d.put("approver", decision.getApproverId());
      d.put("approve", decision.getApprove());
      d.put("channel", decision.getChannel());
      d.put("time", decision.getDecidedAt().toEpochMilli());
    }
    approvalFacts.put("refused_decisions", approval.getRefused().size());
    rules(event, approval.getRules());
    return event;
  }

  public static OcsfEvent expired(ApprovalExpired approval, Instant processed) {
    OcsfEvent event = base(approval.getHeader(), 3, "Update", approval.getApprovalId(), processed)
        .severity(1)
        .status(1, "Success", null)
        .message("approval " + approval.getApprovalId() + " expired for agent " + approval.getHeader().getAgent().getId());
    event.json().put("comment", ApprovalOutcome.EXPIRED.name());
    event.unmapped().putObject("approval").put("outcome", ApprovalOutcome.EXPIRED.name());
    return event;
  }

  private static OcsfEvent base(EventHeader header, int activityId, String activityName, String approvalId, Instant processed) {
    OcsfEvent event = OcsfEvent.of(OcsfClass.ENTITY_MANAGEMENT, activityId, activityName, header, header.getEventId(), processed)
        .actor(header)
        .sourceOfAgent(header);
    ObjectNode entity = event.json().putObject("entity");
    entity.put("uid", approvalId);
    entity.put("name", "approval " + approvalId);
    entity.put("type", "Witness approval");
    return event;
  }

  private static void rules(OcsfEvent event, List<String> rules) {
    if (!rules.isEmpty()) {
      ArrayNode array = event.unmapped().putArray("rules");
      rules.forEach(array::add);
    }
  }

  private static int riskSeverity(String risk) {
    if (risk == null) {
      return 2;
    }
    return switch (risk) {
      case "HIGH" -> 4;
      case "MEDIUM" -> 3;
      default -> 2;
    };
  }
}
