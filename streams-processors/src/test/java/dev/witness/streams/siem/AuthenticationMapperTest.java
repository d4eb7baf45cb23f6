package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import org.junit.jupiter.api.Test;

class AuthenticationMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFailedAuthenticationIsAFailedLogonWithItsReason() throws Exception {
    RequestIntercepted request = TestEvents.http("s-1", 5, "GET", "/", 0, AuthenticationOutcome.FAILED);

    String json = AuthenticationMapper.map(request, SiemEvents.NOW).toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("class_uid").asInt()).isEqualTo(3002);
    assertThat(event.get("category_uid").asInt()).isEqualTo(3);
    assertThat(event.get("activity_id").asInt()).isEqualTo(1);
    assertThat(event.get("type_uid").asLong()).isEqualTo(300201L);
    assertThat(event.get("status_id").asInt()).isEqualTo(2);
    assertThat(event.get("status_detail").asText()).isEqualTo("unknown token");
    assertThat(event.get("severity_id").asInt()).isEqualTo(3);
    assertThat(event.at("/user/uid").asText()).isEqualTo("agent-1");
    assertThat(event.get("auth_protocol_id").asInt()).isEqualTo(99);
    assertThat(event.get("auth_protocol").asText()).isEqualTo("bearer-token");
    assertThat(event.at("/metadata/uid").asText()).isEqualTo(request.getHeader().getEventId());
  }

  @Test
  void aSessionsFirstRequestIsASuccessfulLogonAndLaterOnesAreNone() throws Exception {
    RequestIntercepted first = TestEvents.sql("s-2", 0, "SELECT 1", 0);
    RequestIntercepted later = TestEvents.sql("s-2", 1, "SELECT 1", 0);

    String json = SiemProjection.ofLogon(first, SiemEvents.NOW).orElseThrow().toJson();

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(JSON.readTree(json).get("status_id").asInt()).isEqualTo(1);
    assertThat(JSON.readTree(json).get("auth_protocol").asText()).isEqualTo("scram-sha-256");
    assertThat(SiemProjection.ofLogon(later, SiemEvents.NOW)).isEmpty();
  }
}
