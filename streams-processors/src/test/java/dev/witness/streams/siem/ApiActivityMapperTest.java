package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.RequestIntercepted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ApiActivityMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aDeniedSecretReadIsAnApiReadOfTheResource() throws Exception {
    RequestIntercepted request = SiemEvents.kubernetes("s-1", 1, "get", "secrets", "prod", "db-password");

    String json = map(request, Decision.DENY);
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("class_uid").asInt()).isEqualTo(6003);
    assertThat(event.get("type_uid").asLong()).isEqualTo(600302L);
    assertThat(event.at("/api/operation").asText()).isEqualTo("get");
    assertThat(event.at("/api/service/name").asText()).isEqualTo("kubernetes");
    assertThat(event.at("/resources/0/type").asText()).isEqualTo("secrets");
    assertThat(event.at("/resources/0/name").asText()).isEqualTo("db-password");
    assertThat(event.at("/resources/0/namespace").asText()).isEqualTo("prod");
    assertThat(event.get("action_id").asInt()).isEqualTo(2);
  }

  @ParameterizedTest
  @CsvSource({"create, 1", "get, 2", "list, 2", "watch, 2", "update, 3", "patch, 3", "delete, 4", "deletecollection, 4",
      "escalate, 99"})
  void theActivityIsTheVerb(String verb, int activityId) throws Exception {
    String json = map(SiemEvents.kubernetes("s-2", 1, verb, "pods", "default", null), Decision.ALLOW);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(JSON.readTree(json).get("activity_id").asInt()).isEqualTo(activityId);
  }

  private static String map(RequestIntercepted request, Decision decision) {
    return ApiActivityMapper.map(request, (KubernetesRequest) request.getBody(),
        Outcome.of(SiemEvents.verdict(request, decision, null)), SiemEvents.NOW).toJson();
  }
}
