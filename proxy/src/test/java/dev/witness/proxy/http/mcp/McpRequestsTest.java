package dev.witness.proxy.http.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.McpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class McpRequestsTest {

  @Test
  void aToolCallFillsEveryField() {
    JsonRpcMessage call = JsonRpcMessage.parse("""
        {"jsonrpc":"2.0","id":"c1","method":"tools/call","params":{"name":"get_orders","arguments":{"limit":5}}}"""
        .getBytes(StandardCharsets.UTF_8));

    McpRequest recorded = McpRequests.of(call, "sess-1");

    assertThat(recorded.getMethod()).isEqualTo("tools/call");
    assertThat(recorded.getToolName()).isEqualTo("get_orders");
    assertThat(recorded.getArguments()).isEqualTo("{\"limit\":5}");
    assertThat(recorded.getJsonRpcId()).isEqualTo("\"c1\"");
    assertThat(recorded.getMcpSessionId()).isEqualTo("sess-1");
  }

  @Test
  void onlyValidMcpSessionIdsNameAWitnessSession() {
    assertThat(McpRequests.sessionKey("1868a90c-4d2b")).isEqualTo("mcp:1868a90c-4d2b");
    assertThat(McpRequests.sessionKey(null)).isNull();
    assertThat(McpRequests.sessionKey("")).isNull();
    assertThat(McpRequests.sessionKey("has space")).isNull();
    assertThat(McpRequests.sessionKey("x".repeat(129))).isNull();
  }
}
