package dev.witness.streams.siem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpActivityMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anAllowedGetIsAnHttpGetWithoutQueryStringHeadersOrBody() throws Exception {
    RequestIntercepted request = TestEvents.http("s-1", 2, "GET", "/customers/1?api_key=sk-live-123", 0);
    HttpRequest http = (HttpRequest) request.getBody();
    http.setHeaders(Map.of("authorization", "[REDACTED]", "user-agent", "openai-agents/1.0", "x-token", "tok-999"));
    http.setBody(ByteBuffer.wrap("{\"card\":\"4111111111111111\"}".getBytes(StandardCharsets.UTF_8)));

    String json = HttpActivityMapper.map(request, http, Outcome.of(SiemEvents.verdict(request, Decision.ALLOW, null, "allow-reads")),
        SiemEvents.NOW).toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("class_uid").asInt()).isEqualTo(4002);
    assertThat(event.get("category_uid").asInt()).isEqualTo(4);
    assertThat(event.get("activity_id").asInt()).isEqualTo(3);
    assertThat(event.get("type_uid").asLong()).isEqualTo(400203L);
    assertThat(event.get("disposition_id").asInt()).isEqualTo(1);
    assertThat(event.get("severity_id").asInt()).isEqualTo(1);
    assertThat(event.at("/http_request/http_method").asText()).isEqualTo("GET");
    assertThat(event.at("/http_request/url/path").asText()).isEqualTo("/customers/1");
    assertThat(event.at("/http_request/user_agent").asText()).isEqualTo("openai-agents/1.0");
    assertThat(event.at("/dst_endpoint/svc_name").asText()).isEqualTo("http:demo");
    assertThat(json).doesNotContain("sk-live-123", "tok-999", "4111111111111111", "REDACTED");
  }

  @ParameterizedTest
  @CsvSource({"CONNECT, 1", "DELETE, 2", "GET, 3", "HEAD, 4", "OPTIONS, 5", "POST, 6", "put, 7", "TRACE, 8", "PATCH, 99"})
  void theActivityIsTheMethod(String method, int activityId) throws Exception {
    RequestIntercepted request = TestEvents.http("s-2", 1, method, "/x", 0);

    String json = HttpActivityMapper.map(request, (HttpRequest) request.getBody(),
        Outcome.of(SiemEvents.verdict(request, Decision.DENY, "no")), SiemEvents.NOW).toJson();

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(JSON.readTree(json).get("activity_id").asInt()).isEqualTo(activityId);
  }

  @Test
  void anMcpToolCallIsAPostWithItsToolButNotItsArguments() throws Exception {
    RequestIntercepted request = SiemEvents.mcp("s-3", 1, "tools/call", "run_sql", "{\"sql\":\"SELECT 'secret-literal'\"}");

    String json = HttpActivityMapper.map(request, (McpRequest) request.getBody(),
        Outcome.of(SiemEvents.verdict(request, Decision.REQUIRE_APPROVAL, "tool needs approval", "approve-tools")),
        SiemEvents.NOW).toJson();
    JsonNode event = JSON.readTree(json);

    assertThat(OcsfSchemas.problems(json)).isEmpty();
    assertThat(event.get("activity_id").asInt()).isEqualTo(6);
    assertThat(event.at("/unmapped/witness/mcp/tool").asText()).isEqualTo("run_sql");
    assertThat(event.at("/unmapped/witness/protocol").asText()).isEqualTo("MCP");
    assertThat(event.at("/actor/invoked_by").asText()).isEqualTo("alice@example.com");
    assertThat(json).doesNotContain("secret-literal");
  }
}
