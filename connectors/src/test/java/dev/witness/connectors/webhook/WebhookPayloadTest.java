package dev.witness.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RefusedDecision;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookPayloadTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

  static EventHeader header(String eventId) {
    return EventHeader.newBuilder().setEventId(eventId).setSessionId("s-1").setSequence(1).setTimestamp(AT)
        .setAgent(AgentIdentity.newBuilder().setId("billing-agent").setDelegatingHuman("dana@example.com").build())
        .setPurpose("JIRA-1").setResource("postgres:demo").setProtocol(Protocol.SQL).build();
  }

  static ApprovalDecision vote(String user, boolean approve) {
    return ApprovalDecision.newBuilder().setDecisionId("d-" + user).setApprovalId("appr-1").setChannel("slack")
        .setApproverId(user).setApproverEmail(user + "@example.com").setApprove(approve).setReason(approve ? null : "no")
        .setDecidedAt(AT).build();
  }

  private static JsonNode json(Object event) throws Exception {
    WebhookPayload.Body body = WebhookPayload.of((org.apache.avro.specific.SpecificRecord) event).orElseThrow();
    JsonNode n = JSON.readTree(body.json());
    assertThat(body.eventId()).isEqualTo(n.get("eventId").asText());
    return n;
  }

  @Test
  void aRequestCarriesWhatAnApproverNeeds() throws Exception {
    JsonNode n = json(ApprovalRequested.newBuilder().setHeader(header("e-1")).setApprovalId("appr-1").setRequestId("r-1")
        .setRequestHash("h").setRules(List.of("bulk-delete")).setQuorum(2).setApproverGroup("dba")
        .setExpiresAt(AT.plusSeconds(900)).setStatement("DELETE FROM customers WHERE id = ?").setRisk("HIGH").build());

    assertThat(n.get("type").asText()).isEqualTo("approval.requested");
    assertThat(n.get("approvalId").asText()).isEqualTo("appr-1");
    assertThat(n.at("/agent/id").asText()).isEqualTo("billing-agent");
    assertThat(n.at("/agent/delegatingHuman").asText()).isEqualTo("dana@example.com");
    assertThat(n.get("resource").asText()).isEqualTo("postgres:demo");
    assertThat(n.get("statement").asText()).isEqualTo("DELETE FROM customers WHERE id = ?");
    assertThat(n.get("risk").asText()).isEqualTo("HIGH");
    assertThat(n.get("rules").get(0).asText()).isEqualTo("bulk-delete");
    assertThat(n.get("quorum").asInt()).isEqualTo(2);
    assertThat(n.get("expiresAt").asText()).isEqualTo("2026-03-01T10:15:00.123456Z");
    assertThat(n.get("occurredAt").asText()).isEqualTo("2026-03-01T10:00:00.123456Z");
  }

  @Test
  void aDecisionCarriesEveryVoteCountedOrNot() throws Exception {
    JsonNode n = json(ApprovalDecided.newBuilder().setHeader(header("e-2")).setApprovalId("appr-1")
        .setOutcome(ApprovalOutcome.REJECTED).setDecisions(List.of(vote("U0BOB", false)))
        .setRefused(List.of(RefusedDecision.newBuilder().setDecision(vote("U0EVE", true)).setWhy("not in group dba").build()))
        .build());

    assertThat(n.get("type").asText()).isEqualTo("approval.decided");
    assertThat(n.get("outcome").asText()).isEqualTo("REJECTED");
    assertThat(n.at("/decisions/0/approverId").asText()).isEqualTo("U0BOB");
    assertThat(n.at("/decisions/0/approverEmail").asText()).isEqualTo("U0BOB@example.com");
    assertThat(n.at("/decisions/0/approve").asBoolean()).isFalse();
    assertThat(n.at("/decisions/0/reason").asText()).isEqualTo("no");
    assertThat(n.at("/refused/0/approverId").asText()).isEqualTo("U0EVE");
    assertThat(n.at("/refused/0/why").asText()).isEqualTo("not in group dba");
  }

  @Test
  void anExpiryIsItsOwnType() throws Exception {
    JsonNode n = json(ApprovalExpired.newBuilder().setHeader(header("e-3")).setApprovalId("appr-1").build());

    assertThat(n.get("type").asText()).isEqualTo("approval.expired");
    assertThat(n.get("approvalId").asText()).isEqualTo("appr-1");
  }

  @Test
  void theSignatureCoversTimestampAndBody() {
    WebhookSignature signature = new WebhookSignature("0123456789abcdef0123456789abcdef");

    String sig = signature.sign(1_700_000_000L, "{}");
    assertThat(sig).startsWith("v1=").hasSize(3 + 64);
    assertThat(signature.sign(1_700_000_001L, "{}")).isNotEqualTo(sig);
    assertThat(signature.sign(1_700_000_000L, "{ }")).isNotEqualTo(sig);
    assertThat(new WebhookSignature("another-secret-of-some-length").sign(1_700_000_000L, "{}")).isNotEqualTo(sig);
  }
}
