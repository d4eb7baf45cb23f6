package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.testing.TestEvents;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DatastoreActivityMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aDeniedDeleteIsABlockedDatastoreDeleteWithTheStatementButNotItsLiterals() throws Exception {
    RequestIntercepted request = TestEvents.sql("s-1", 3, "DELETE FROM customers WHERE email = 'bob@example.com'", 0);
    Verdict verdict = SiemEvents.verdict(request, Decision.DENY, "deletes are off limits", "deny-delete");

    String json = map(request, verdict);
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("class_uid").asInt()).isEqualTo(6005);
    assertThat(event.get("category_uid").asInt()).isEqualTo(6);
    assertThat(event.get("activity_id").asInt()).isEqualTo(7);
    assertThat(event.get("type_uid").asLong()).isEqualTo(600507L);
    assertThat(event.get("action_id").asInt()).isEqualTo(2);
    assertThat(event.get("disposition_id").asInt()).isEqualTo(2);
    assertThat(event.get("status_id").asInt()).isEqualTo(2);
    assertThat(event.get("status_detail").asText()).isEqualTo("deletes are off limits");
    assertThat(event.at("/metadata/uid").asText()).isEqualTo(verdict.getHeader().getEventId());
    assertThat(event.at("/metadata/correlation_uid").asText()).isEqualTo(request.getRequestId());
    assertThat(event.at("/metadata/version").asText()).isEqualTo("1.5.0");
    assertThat(event.get("time").asLong()).isEqualTo(request.getHeader().getTimestamp().toEpochMilli());
    assertThat(event.at("/actor/user/uid").asText()).isEqualTo("agent-1");
    assertThat(event.at("/query_info/query_string").asText()).isEqualTo("DELETE FROM customers WHERE email = ?");
    assertThat(event.at("/unmapped/witness/purpose").asText()).isEqualTo("TICKET-1");
    assertThat(event.at("/unmapped/witness/rules/0").asText()).isEqualTo("deny-delete");
    assertThat(json).doesNotContain("bob@example.com");
  }

  @Test
  void boundParametersNeverReachTheFeed() {
    RequestIntercepted request = TestEvents.sql("s-1", 4, "SELECT * FROM customers WHERE ssn = $1", 0);
    ((SqlRequest) request.getBody()).setParameters(java.util.List.of("078-05-1120"));

    String json = map(request, SiemEvents.verdict(request, Decision.ALLOW, null));

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(json).doesNotContain("078-05-1120").contains("\"parameter_count\":1");
  }

  @ParameterizedTest
  @CsvSource({
      "SELECT 1, 1", "'  select * from t', 1", "UPDATE t SET a = 1, 2", "INSERT INTO t VALUES (1), 5",
      "CREATE TABLE t (a int), 6", "DROP TABLE t, 7", "TRUNCATE t, 7", "'WITH x AS (SELECT 1) SELECT * FROM x', 4",
      "BEGIN, 4", "'', 4"})
  void theActivityFollowsTheStatementsVerb(String statement, int activityId) throws Exception {
    RequestIntercepted request = TestEvents.sql("s-2", 1, statement, 0);

    String json = map(request, SiemEvents.verdict(request, Decision.ALLOW, null));

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(JSON.readTree(json).get("activity_id").asInt()).isEqualTo(activityId);
  }

  @Test
  void aHeldRequestIsDelayedNotRefused() throws Exception {
    RequestIntercepted request = TestEvents.sql("s-3", 1, "DELETE FROM customers", 0);

    JsonNode event = JSON.readTree(map(request, SiemEvents.verdict(request, Decision.REQUIRE_APPROVAL, "needs a human")));

    assertThat(event.get("disposition_id").asInt()).isEqualTo(14);
    assertThat(event.get("action_id").asInt()).isEqualTo(99);
    assertThat(event.get("status_id").asInt()).isEqualTo(99);
  }

  private static String map(RequestIntercepted request, Verdict verdict) {
    return DatastoreActivityMapper.map(request, (SqlRequest) request.getBody(), Outcome.of(verdict), SiemEvents.NOW).toJson();
  }
}
