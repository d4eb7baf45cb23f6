package dev.witness.proxy.http.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRpcMessageTest {

  private static JsonRpcMessage parse(String json) {
    return JsonRpcMessage.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonRpcError errorOf(String json) {
    try {
      parse(json);
    } catch (InvalidJsonRpcException e) {
      return e.error();
    }
    throw new AssertionError("accepted: " + json);
  }

  @Test
  void toolCallYieldsToolNameArgumentsAndId() {
    JsonRpcMessage m = parse("""
        {"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"run_sql","arguments":{"sql":"select 1"}}}""");

    assertThat(m.method()).isEqualTo("tools/call");
    assertThat(m.toolName()).isEqualTo("run_sql");
    assertThat(m.argumentsJson()).isEqualTo("{\"sql\":\"select 1\"}");
    assertThat(m.idJson()).isEqualTo("7");
  }

  @Test
  void notificationsStringIdsAndClientResponsesAreAccepted() {
    assertThat(parse("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").idJson()).isNull();
    assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\",\"params\":{}}").idJson())
        .isEqualTo("\"a\"");
    assertThat(parse("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{}}").method()).isEqualTo(JsonRpcMessage.RESPONSE);
  }

  @Test
  void badInputGetsTheJsonRpcCodeAndKeepsTheIdWhenKnown() {
    assertThat(errorOf("{\"jsonrpc\":")).extracting(JsonRpcError::code, JsonRpcError::idJson, JsonRpcError::httpStatus)
        .containsExactly(JsonRpcError.PARSE_ERROR, null, 400);
    assertThat(errorOf("")).extracting(JsonRpcError::code).isEqualTo(JsonRpcError.PARSE_ERROR);
    assertThat(errorOf("[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]").message()).contains("batches are not supported");
    assertThat(errorOf("42").code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(errorOf("{\"id\":1,\"method\":\"ping\"}").idJson()).isEqualTo("1");
    assertThat(errorOf("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}").code()).isEqualTo(JsonRpcError.INVALID_REQUEST);
    assertThat(errorOf("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{}}").message())
        .contains("params.name");
    assertThat(errorOf("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"x\",\"params\":5}").code())
        .isEqualTo(JsonRpcError.INVALID_REQUEST);
  }

  @Test
  void errorsRenderAsJsonRpcResponsesEchoingTheId() {
    assertThat(new String(new JsonRpcError("\"x\"", -32600, "no", 400).toJson(), StandardCharsets.UTF_8))
        .isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"error\":{\"code\":-32600,\"message\":\"no\"}}");
    assertThat(new String(new JsonRpcError(null, -32700, "bad", 400).toJson(), StandardCharsets.UTF_8))
        .contains("\"id\":null");
  }

  @Test
  void refusalsNameTheRulesAndTheApproval() {
    Verdict deny = verdict(Decision.DENY, null);
    Verdict hold = verdict(Decision.REQUIRE_APPROVAL, "ap-1");

    JsonRpcError denied = McpRefusals.of(deny, "9");
    JsonRpcError held = McpRefusals.of(hold, "9");

    assertThat(denied.code()).isEqualTo(JsonRpcError.DENIED);
    assertThat(denied.httpStatus()).isEqualTo(200);
    assertThat(denied.message()).contains("no-deletes", "deletes need a ticket", "r1");
    assertThat(held.code()).isEqualTo(JsonRpcError.APPROVAL_REQUIRED);
    assertThat(held.message()).contains("ap-1");
  }

  private static Verdict verdict(Decision decision, String approvalId) {
    // Only the fields a refusal reads; the envelope does not matter here.
    Verdict v = new Verdict();
    v.setRequestId("r1");
    v.setDecision(decision);
    v.setRules(List.of("no-deletes"));
    v.setReason("deletes need a ticket");
    v.setApprovalId(approvalId);
    return v;
  }
}
