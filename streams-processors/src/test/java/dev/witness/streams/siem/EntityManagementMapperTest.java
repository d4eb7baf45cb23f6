package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.streams.testing.TestEvents;
import org.junit.jupiter.api.Test;

class EntityManagementMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final ApprovalRequested requested =
      SiemEvents.approvalRequested(TestEvents.sql("s-1", 2, "DELETE FROM customers WHERE id = 7", 0), "appr-1");

  @Test
  void aRequestedApprovalIsTheCreationOfTheApproval() throws Exception {
    String json = EntityManagementMapper.requested(requested, SiemEvents.NOW).toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("class_uid").asInt()).isEqualTo(3004);
    assertThat(event.get("type_uid").asLong()).isEqualTo(300401L);
    assertThat(event.at("/entity/uid").asText()).isEqualTo("appr-1");
    assertThat(event.get("severity_id").asInt()).isEqualTo(4);
    assertThat(event.at("/unmapped/witness/approval/statement").asText()).isEqualTo("DELETE FROM customers WHERE id = ?");
    assertThat(event.at("/metadata/correlation_uid").asText()).isEqualTo(requested.getRequestId());
  }

  @Test
  void aDecisionIsAnUpdateNamingTheOutcomeAndTheApprovers() throws Exception {
    ApprovalDecided decided = SiemEvents.approvalDecided(requested, ApprovalOutcome.REJECTED);

    String json = EntityManagementMapper.decided(decided, SiemEvents.NOW).toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("type_uid").asLong()).isEqualTo(300403L);
    assertThat(event.get("comment").asText()).isEqualTo("REJECTED");
    assertThat(event.at("/unmapped/witness/approval/decisions/0/approver").asText()).isEqualTo("U123");
    assertThat(event.at("/metadata/uid").asText()).isEqualTo(decided.getHeader().getEventId());
  }

  @Test
  void anExpiryIsAnUpdateWithOutcomeExpired() throws Exception {
    String json = EntityManagementMapper.expired(SiemEvents.approvalExpired(requested), SiemEvents.NOW).toJson();

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(JSON.readTree(json).get("comment").asText()).isEqualTo("EXPIRED");
  }
}
