package dev.witness.proxy.mcpbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link McpBridge} in front of a real child process (node) speaking newline-delimited JSON-RPC on
 * stdio: sessions, JSON and SSE answers, bad input, and a child that dies mid-request.
 */
class McpBridgeIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** Answers initialize and tools/list; exits with code 3 on tools/call "crash"; never answers "hang". */
  private static final String SERVER = """
      const rl = require('readline').createInterface({ input: process.stdin });
      const send = (m) => process.stdout.write(JSON.stringify(m) + '\\n');
      rl.on('line', (line) => {
        const m = JSON.parse(line);
        if (m.method === 'initialize') send({ jsonrpc: '2.0', id: m.id, result: { protocolVersion: '2025-06-18',
          capabilities: { tools: {} }, serverInfo: { name: 'stdio-it', version: '1' } } });
        else if (m.method === 'tools/list') { send({ jsonrpc: '2.0', method: 'notifications/message', params: {} });
          send({ jsonrpc: '2.0', id: 99, method: 'roots/list' });
          send({ jsonrpc: '2.0', id: m.id, result: { tools: [{ name: 'echo', inputSchema: { type: 'object' } }] } }); }
        else if (m.method === 'tools/call' && m.params.name === 'crash') process.exit(3);
        else if (m.method === 'tools/call' && m.params.name === 'echo') send({ jsonrpc: '2.0', id: m.id,
          result: { content: [{ type: 'text', text: JSON.stringify(m.params.arguments) }] } });
      });
      """;

  private static McpBridge start(Duration timeout) throws Exception {
    assumeTrue(nodeInstalled(), "node is not installed");
    return McpBridge.start(new InetSocketAddress("127.0.0.1", 0), List.of("node", "-e", SERVER), timeout);
  }

  @Test
  void relaysRequestsInASessionAsJsonOrSseAndRestoresTheCallersIds() throws Exception {
    try (McpBridge bridge = start(Duration.ofSeconds(30))) {
      HttpResponse<String> init = post(bridge, null, "application/json, text/event-stream",
          "{\"jsonrpc\":\"2.0\",\"id\":\"init-1\",\"method\":\"initialize\",\"params\":{}}");
      assertThat(init.statusCode()).isEqualTo(200);
      String session = init.headers().firstValue("mcp-session-id").orElseThrow();
      assertThat(JSON.readTree(init.body()).path("id").asText()).isEqualTo("init-1");
      assertThat(JSON.readTree(init.body()).path("result").path("serverInfo").path("name").asText()).isEqualTo("stdio-it");

      assertThat(post(bridge, session, "application/json",
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode()).isEqualTo(202);
      HttpResponse<String> list = post(bridge, session, "text/event-stream",
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}");
      assertThat(list.headers().firstValue("content-type")).contains("text/event-stream");
      assertThat(list.body()).startsWith("event: message\ndata: ").endsWith("\n\n");
      JsonNode listed = JSON.readTree(list.body().substring("event: message\ndata: ".length()).strip());
      assertThat(listed.path("id").asInt()).isEqualTo(7);
      assertThat(listed.path("result").path("tools").findValuesAsText("name")).containsExactly("echo");

      HttpResponse<String> echo = post(bridge, session, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"a\":1}}}");
      assertThat(JSON.readTree(echo.body()).path("id").asInt()).isEqualTo(7);
      assertThat(JSON.readTree(echo.body()).path("result").path("content").get(0).path("text").asText()).isEqualTo("{\"a\":1}");
    }
  }

  @Test
  void badInputAndMissingOrUnknownSessionsAreJsonRpcErrors() throws Exception {
    try (McpBridge bridge = start(Duration.ofSeconds(30))) {
      HttpResponse<String> noSession = post(bridge, null, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
      assertThat(noSession.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(noSession.body()).path("error").path("message").asText()).contains("Mcp-Session-Id");
      HttpResponse<String> unknown = post(bridge, "nope", "application/json", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
      assertThat(unknown.statusCode()).isEqualTo(404);
      HttpResponse<String> garbage = post(bridge, null, "application/json", "{\"jsonrpc\":");
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(garbage.body()).path("error").path("code").asInt()).isEqualTo(-32700);
      HttpResponse<String> batch = post(bridge, null, "application/json", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
      assertThat(JSON.readTree(batch.body()).path("error").path("code").asInt()).isEqualTo(-32600);
      HttpResponse<String> huge = post(bridge, null, "application/json", "{\"x\":\"" + "a".repeat(McpBridge.MAX_BODY_BYTES) + "\"}");
      assertThat(huge.statusCode()).isEqualTo(413);
      HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(URI.create(bridge.url())).GET().build(), BodyHandlers.ofString());
      assertThat(get.statusCode()).isEqualTo(405);
    }
  }

  @Test
  void aChildThatExitsAnswersThePendingAndLaterRequestsWithAJsonRpcErrorAtOnce() throws Exception {
    try (McpBridge bridge = start(Duration.ofMinutes(5))) {
      String session = post(bridge, null, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}").headers().firstValue("mcp-session-id").orElseThrow();

      HttpResponse<String> crash = post(bridge, session, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"crash\"}}");

      JsonNode error = JSON.readTree(crash.body());
      assertThat(error.path("id").asInt()).isEqualTo(2);
      assertThat(error.path("error").path("code").asInt()).isEqualTo(StdioMcpServer.SERVER_UNAVAILABLE);
      assertThat(error.path("error").path("message").asText()).contains("MCP server process");
      assertThat(bridge.serverExited().get(30, TimeUnit.SECONDS)).isEqualTo(3);
      JsonNode later = JSON.readTree(post(bridge, session, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}").body());
      assertThat(later.path("error").path("message").asText()).isEqualTo("the MCP server process exited with code 3");
    }
  }

  @Test
  void aRequestTheChildNeverAnswersTimesOutWithAJsonRpcError() throws Exception {
    try (McpBridge bridge = start(Duration.ofSeconds(2))) {
      String session = post(bridge, null, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{}}").headers().firstValue("mcp-session-id").orElseThrow();

      JsonNode error = JSON.readTree(post(bridge, session, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"hang\"}}").body());

      assertThat(error.path("id").asInt()).isEqualTo(4);
      assertThat(error.path("error").path("message").asText()).contains("did not answer within 2 s");
    }
  }

  private static HttpResponse<String> post(McpBridge bridge, String session, String accept, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(bridge.url())).timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json").header("Accept", accept);
    if (session != null) {
      b.header("Mcp-Session-Id", session);
    }
    return CLIENT.send(b.POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
  }

  private static boolean nodeInstalled() {
    try {
      return new ProcessBuilder("node", "--version").start().waitFor(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      return false;
    }
  }
}
