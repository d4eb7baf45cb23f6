package dev.witness.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.proxy.Closing;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.StreamsStandIn;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.HttpRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MCP and OpenAI dialects of the HTTP proxy against a real broker, the embedded schema
 * registry, a real MCP server (streamable HTTP, JSON-RPC + SSE) and a scripted OpenAI-compatible
 * SSE server; a test responder stands in for the verdict and masking topologies.
 */
class AiDialectsIT {

  private static final String TOKEN = "it-ai-agent-token-77d1";
  private static final String OPENAI_KEY = "sk-upstream-openai-key-3e9a";
  private static final int REPLY_PARTITION = 3;
  private static final ObjectMapper JSON = new ObjectMapper();

  private static StreamsStandIn streams;
  private static McpUpstream mcp;
  private static dev.witness.proxy.mcpbridge.McpBridge bridge;
  private static Path bridgeRoot;
  private static OpenAiUpstream openai;
  private static HttpProxyListener proxy;
  private static final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    streams = StreamsStandIn.start(REPLY_PARTITION, AiDialectsIT::policy,
        b -> new String(b, StandardCharsets.UTF_8).replaceAll("\\d{3}-\\d{2}-\\d{4}", "***-**-****")
            .getBytes(StandardCharsets.UTF_8));
    mcp = McpUpstream.start();
    // A real stdio MCP server from npm (server-filesystem) behind witness mcp-bridge.
    Path e2e = NodeClients.require("@modelcontextprotocol/server-filesystem");
    bridgeRoot = ScratchDirectory.deletedOnExit("witness-bridge-root").toRealPath();
    java.nio.file.Files.writeString(bridgeRoot.resolve("customer.txt"), "Ada Lovelace, ssn 123-45-6789\n");
    bridge = dev.witness.proxy.mcpbridge.McpBridge.start(new java.net.InetSocketAddress("127.0.0.1", 0),
        List.of("node", e2e.resolve("node_modules/@modelcontextprotocol/server-filesystem/dist/index.js").toString(),
            bridgeRoot.toString()), Duration.ofSeconds(30));
    openai = OpenAiUpstream.start();
    ProxyConfig config = new ProxyConfig(REPLY_PARTITION, Duration.ofSeconds(5), new HttpProxyConfig("127.0.0.1:0",
        1024L * 1024, 64 * 1024, List.of(
            new HttpRoute("/mcp/crm", "mcp:crm", mcp.url(), true, null, "mcp"),
            new HttpRoute("/mcp/fs", "mcp:fs", bridge.url(), true, null, "mcp"),
            new HttpRoute("/openai/v1", "openai:test", openai.url(), true,
                new BackendCredential("Authorization", "Bearer " + OPENAI_KEY, null, null), "openai"))), null);
    proxy = HttpProxyListener.start(config,
        new AgentAuthenticator(List.of(new AgentConfig("ai-agent", AgentAuthenticator.sha256Hex(TOKEN), null))),
        streams.publisher(), streams.replies());
  }

  @AfterAll
  static void stop() {
    Closing.inOrder(proxy, streams, mcp, openai, bridge);
  }

  /** Stands in for the verdict topology: tools whose name starts with delete_ are denied. */
  private static Decision policy(RequestIntercepted request) {
    if (request.getBody() instanceof McpRequest m) {
      if (m.getToolName() != null && m.getToolName().startsWith("hang_")) {
        return null; // no verdict: the proxy must time out and fail closed
      }
      return m.getToolName() != null && (m.getToolName().startsWith("delete_") || m.getToolName().equals("write_file"))
          ? Decision.DENY : Decision.ALLOW;
    }
    return Decision.ALLOW;
  }

  @Test
  void toolCallIsRecordedAsAnMcpRequestAndItsSseResultIsMasked() throws Exception {
    HttpResponse<String> init = post("/mcp/crm", null, """
        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},\
        "clientInfo":{"name":"it","version":"1"}}}""");
    assertThat(init.statusCode()).isEqualTo(200);
    String session = init.headers().firstValue("mcp-session-id").orElseThrow();
    assertThat(session).isEqualTo(McpUpstream.SESSION);
    assertThat(post("/mcp/crm", session, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode())
        .isEqualTo(202);
    HttpResponse<String> list = post("/mcp/crm", session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
    assertThat(JSON.readTree(list.body()).path("result").path("tools").findValuesAsText("name"))
        .containsExactly("lookup_customer"); // delete_customer is denied: hidden

    int lookupsBefore = mcp.calls("lookup_customer");

    HttpResponse<String> call = post("/mcp/crm", session, """
        {"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"lookup_customer","arguments":{"id":42}}}""");

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    assertThat(call.body()).startsWith("event: message\ndata: ").contains("***-**-****").doesNotContain("123-45-6789");
    JsonNode result = JSON.readTree(call.body().lines().filter(l -> l.startsWith("data: ")).findFirst().orElseThrow()
        .substring("data: ".length()));
    assertThat(result.path("id").asInt()).isEqualTo(3);
    assertThat(result.path("result").path("content").get(0).path("text").asText())
        .isEqualTo("Ada Lovelace, ssn ***-**-**** (id 42)");
    assertThat(mcp.calls("lookup_customer")).isEqualTo(lookupsBefore + 1);

    RequestIntercepted recorded = recorded(r -> r.getBody() instanceof McpRequest m
        && "lookup_customer".equals(m.getToolName()) && r.getHeader().getPurpose() == null);
    McpRequest body = (McpRequest) recorded.getBody();
    assertThat(body.getMethod()).isEqualTo("tools/call");
    assertThat(JSON.readTree(body.getArguments())).isEqualTo(JSON.readTree("{\"id\":42}"));
    assertThat(body.getJsonRpcId()).isEqualTo("3");
    assertThat(body.getMcpSessionId()).isEqualTo(McpUpstream.SESSION);
    assertThat(recorded.getHeader().getProtocol()).isEqualTo(Protocol.MCP);
    assertThat(recorded.getHeader().getSessionId()).isEqualTo("mcp:" + McpUpstream.SESSION);
    assertThat(recorded.getHeader().getResource()).isEqualTo("mcp:crm");
    List<ResponseChunk> chunks = chunksOf(recorded.getRequestId());
    assertThat(chunks).isNotEmpty().allSatisfy(c -> assertThat(c.getHeader().getProtocol()).isEqualTo(Protocol.MCP));
    assertThat(recorded(r -> r.getBody() instanceof McpRequest m && m.getMethod().equals("tools/list")).getHeader()
        .getSessionId()).isEqualTo("mcp:" + McpUpstream.SESSION);
  }

  @Test
  void toolsListIsFilteredByPolicyAsJsonAndInsideSseAndTheListedToolsAreRecorded() throws Exception {
    HttpResponse<String> json = post("/mcp/crm", McpUpstream.SESSION, """
        {"jsonrpc":"2.0","id":21,"method":"tools/list"}""");
    HttpResponse<String> sse = post("/mcp/crm", McpUpstream.SESSION, """
        {"jsonrpc":"2.0","id":"sse-22","method":"tools/list"}""");

    assertThat(json.statusCode()).isEqualTo(200);
    JsonNode listed = JSON.readTree(json.body());
    assertThat(listed.path("id").asInt()).isEqualTo(21);
    assertThat(listed.path("result").path("tools").findValuesAsText("name")).containsExactly("lookup_customer");
    assertThat(listed.path("result").path("tools").get(0).path("inputSchema").path("type").asText()).isEqualTo("object");
    assertThat(sse.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/event-stream"));
    String[] events = sse.body().split("\n\n");
    assertThat(events).hasSize(2);
    assertThat(events[0]).contains("notifications/message");
    assertThat(events[1]).startsWith("event: message\nid: 7\ndata: ");
    JsonNode streamed = JSON.readTree(events[1].substring(events[1].indexOf("data: ") + 6));
    assertThat(streamed.path("id").asText()).isEqualTo("sse-22");
    assertThat(streamed.path("result").path("tools").findValuesAsText("name")).containsExactly("lookup_customer");
    // The evidence: the list request, the derived request naming every listed tool, and the filtered result.
    RequestIntercepted derived = recorded(r -> r.getBody() instanceof McpRequest m && m.getListedTools() != null
        && "\"sse-22\"".equals(m.getJsonRpcId()));
    assertThat(((McpRequest) derived.getBody()).getListedTools()).containsExactly("lookup_customer", "delete_customer");
    assertThat(derived.getHeader().getSessionId()).isEqualTo("mcp:" + McpUpstream.SESSION);
    assertThat(derived.getHeader().getAgent().getId()).isEqualTo("ai-agent");
    RequestIntercepted list = recorded(r -> r.getBody() instanceof McpRequest m && m.getListedTools() == null
        && "\"sse-22\"".equals(m.getJsonRpcId()));
    assertThat(derived.getHeader().getSequence()).isGreaterThan(list.getHeader().getSequence());
    String recordedResult = chunksOf(list.getRequestId()).stream()
        .map(c -> StandardCharsets.UTF_8.decode(c.getPayload().duplicate()).toString()).reduce("", String::concat);
    assertThat(recordedResult).contains("lookup_customer").doesNotContain("delete_customer");
  }

  @Test
  void deniedToolCallIsAJsonRpcErrorAndNeverReachesTheServer() throws Exception {
    HttpResponse<String> call = post("/mcp/crm", McpUpstream.SESSION, """
        {"jsonrpc":"2.0","id":"call-9","method":"tools/call","params":{"name":"delete_customer","arguments":{"id":42}}}""");

    assertThat(call.statusCode()).isEqualTo(200);
    assertThat(call.headers().firstValue("content-type")).contains("application/json");
    JsonNode answer = JSON.readTree(call.body());
    assertThat(answer.path("jsonrpc").asText()).isEqualTo("2.0");
    assertThat(answer.path("id").asText()).isEqualTo("call-9");
    assertThat(answer.path("error").path("code").asInt()).isEqualTo(-32001);
    assertThat(answer.path("error").path("message").asText()).contains("test-rule", "test policy says no");
    assertThat(answer.has("result")).isFalse();
    assertThat(mcp.calls("delete_customer")).isZero();
    McpRequest recorded = (McpRequest) recorded(r -> r.getBody() instanceof McpRequest m
        && "delete_customer".equals(m.getToolName())).getBody();
    assertThat(recorded.getJsonRpcId()).isEqualTo("\"call-9\"");
  }

  @Test
  void toolCallWithoutAVerdictFailsClosedAndIsNotForwarded() throws Exception {
    int before = mcp.posts.get();

    HttpResponse<String> call = post("/mcp/crm", McpUpstream.SESSION, """
        {"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"hang_forever","arguments":{}}}""");

    assertThat(call.statusCode()).isEqualTo(503);
    assertThat(call.body()).contains("nothing was forwarded");
    assertThat(mcp.posts.get()).isEqualTo(before);
    assertThat(mcp.calls("hang_forever")).isZero();
  }

  @Test
  void malformedMessagesAndBatchesAreJsonRpcErrorsRecordedAndNotForwarded() throws Exception {
    int before = mcp.posts.get();

    HttpResponse<String> garbage = post("/mcp/crm", null, "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":");
    HttpResponse<String> batch = post("/mcp/crm", null,
        "[{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/list\"},{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\"}]");
    HttpResponse<String> noMethod = post("/mcp/crm", null, "{\"jsonrpc\":\"2.0\",\"id\":8}");

    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(garbage.body()).path("error").path("code").asInt()).isEqualTo(-32700);
    assertThat(JSON.readTree(garbage.body()).get("id").isNull()).isTrue();
    assertThat(batch.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(batch.body()).path("error").path("code").asInt()).isEqualTo(-32600);
    assertThat(JSON.readTree(batch.body()).path("error").path("message").asText()).contains("batches are not supported");
    assertThat(noMethod.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(noMethod.body()).path("id").asInt()).isEqualTo(8);
    assertThat(mcp.posts.get()).isEqualTo(before);
    RequestIntercepted recordedBatch = recorded(r -> r.getBody() instanceof HttpRequest h && h.getBody() != null
        && StandardCharsets.UTF_8.decode(h.getBody().duplicate()).toString().startsWith("[{"));
    assertThat(recordedBatch.getHeader().getProtocol()).isEqualTo(Protocol.MCP);
    assertThat(((HttpRequest) recordedBatch.getBody()).getPath()).isEqualTo("/mcp/crm");
  }

  @Test
  void streamedChatCompletionPassesEventByEventMaskedWithTheInjectedKey() throws Exception {
    openai.holdAfterFirstEvent();
    String request = """
        {"model":"gpt-test","stream":true,"stream_options":{"include_usage":true},\
        "messages":[{"role":"user","content":"What is the SSN of customer 42?"}]}""";

    HttpResponse<InputStream> response = client.send(to("/openai/v1/chat/completions")
        .header("Content-Type", "application/json").header("X-Witness-Session", "linked-session-1")
        .POST(BodyPublishers.ofString(request)).build(), BodyHandlers.ofInputStream());

    assertThat(response.statusCode()).isEqualTo(200);
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // The upstream holds the rest of the stream until released: the first event must arrive alone.
      String first = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return reader.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(openai.released()).isFalse();
      assertThat(first).startsWith("data: ").contains("The SSN is");
      openai.release();
      for (String line = first; line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    String stream = String.join("\n", lines);
    assertThat(stream).contains("***-**-****", "call_abc123", "\"total_tokens\":19", "data: [DONE]")
        .doesNotContain("123-45-6789");

    RequestIntercepted recorded = recorded(r -> r.getBody() instanceof HttpRequest h
        && h.getPath().equals("/openai/v1/chat/completions"));
    assertThat(recorded.getHeader().getProtocol()).isEqualTo(Protocol.OPENAI);
    assertThat(recorded.getHeader().getSessionId()).isEqualTo("linked-session-1");
    HttpRequest http = (HttpRequest) recorded.getBody();
    assertThat(StandardCharsets.UTF_8.decode(http.getBody().duplicate()).toString()).contains("\"model\":\"gpt-test\"");
    assertThat(http.getHeaders().values()).noneMatch(v -> v.contains(TOKEN));
    assertThat(openai.headersSeen.get(openai.headersSeen.size() - 1).getFirst("Authorization"))
        .isEqualTo("Bearer " + OPENAI_KEY);
    List<ResponseChunk> chunks = chunksOf(recorded.getRequestId());
    assertThat(chunks.get(0).getPayload().remaining()).isEqualTo(OpenAiUpstream.EVENTS.get(0).length());
    assertThat(chunks.size()).isGreaterThanOrEqualTo(2);
    String recordedUsage = chunks.stream().map(c -> StandardCharsets.UTF_8.decode(c.getPayload().duplicate()).toString())
        .reduce("", String::concat);
    assertThat(recordedUsage).contains("\"usage\":{\"prompt_tokens\":12");
    List<String> forbidden = List.of(TOKEN, OPENAI_KEY);
    assertThat(streams.responder().rawValues).allSatisfy(raw -> forbidden.forEach(
        secret -> assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(secret)));
  }

  @Test
  void mcpAndOpenAiRequestsNamingOneWitnessSessionLandInIt() throws Exception {
    HttpResponse<String> list = client.send(to("/mcp/crm").header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream").header("Mcp-Session-Id", McpUpstream.SESSION)
        .header("X-Witness-Session", "linked-session-2")
        .POST(BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":\"s2\",\"method\":\"tools/list\"}")).build(),
        BodyHandlers.ofString());
    openai.release();
    HttpResponse<String> chat = client.send(to("/openai/v1/chat/completions").header("Content-Type", "application/json")
        .header("X-Witness-Session", "linked-session-2")
        .POST(BodyPublishers.ofString("{\"model\":\"gpt-test\",\"stream\":true,\"messages\":[]}")).build(),
        BodyHandlers.ofString());

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(chat.statusCode()).isEqualTo(200);
    RequestIntercepted mcpRecorded = recorded(r -> r.getBody() instanceof McpRequest m && "\"s2\"".equals(m.getJsonRpcId()));
    RequestIntercepted chatRecorded = recorded(r -> r.getHeader().getProtocol() == Protocol.OPENAI
        && r.getHeader().getSessionId().equals("linked-session-2"));
    assertThat(mcpRecorded.getHeader().getSessionId()).isEqualTo("linked-session-2");
    assertThat(((McpRequest) mcpRecorded.getBody()).getMcpSessionId()).isEqualTo(McpUpstream.SESSION);
    assertThat(chatRecorded.getHeader().getSequence()).isGreaterThan(mcpRecorded.getHeader().getSequence());
  }

  @Test
  void theOfficialMcpSdkClientListsCallsAndSeesTheDenialAsAToolError() throws Exception {
    Path e2e = NodeClients.require("@modelcontextprotocol/sdk");
    int lookupsBefore = mcp.calls("lookup_customer");
    int deletesBefore = mcp.calls("delete_customer");
    JsonNode report = runNode(e2e, "mcp-client.mjs", "http://127.0.0.1:" + proxy.port() + "/mcp/crm",
        TOKEN, "lookup_customer", "delete_customer");
    assertThat(report.path("sessionId").asText()).isEqualTo(McpUpstream.SESSION);
    // delete_customer is denied for this agent, so tools/list no longer shows it; calling it anyway is refused.
    assertThat(JSON.convertValue(report.path("tools"), List.class)).containsExactly("lookup_customer");
    assertThat(report.path("allowed").path("content").get(0).path("text").asText())
        .isEqualTo("Ada Lovelace, ssn ***-**-**** (id 42)");
    assertThat(report.path("denied").path("error").path("code").asInt()).isEqualTo(-32001);
    assertThat(report.path("denied").path("error").path("message").asText()).contains("test-rule");
    assertThat(mcp.calls("lookup_customer")).isEqualTo(lookupsBefore + 1);
    assertThat(mcp.calls("delete_customer")).isEqualTo(deletesBefore);
    RequestIntercepted recorded = recorded(r -> r.getBody() instanceof McpRequest m
        && "initialize".equals(m.getMethod()) && "e2e: MCP SDK client".equals(r.getHeader().getPurpose()));
    assertThat(recorded.getHeader().getAgent().getId()).isEqualTo("ai-agent");
  }

  @Test
  void aStdioServerBehindMcpBridgeIsReachedThroughTheMcpRouteFilteredAndRecorded() throws Exception {
    Path e2e = NodeClients.require("@modelcontextprotocol/sdk");
    String file = bridgeRoot.resolve("customer.txt").toString();

    JsonNode report = runNode(e2e, "mcp-client.mjs", "http://127.0.0.1:" + proxy.port() + "/mcp/fs",
        TOKEN, "read_text_file", "write_file", JSON.writeValueAsString(JSON.createObjectNode().put("path", file)));

    List<String> tools = JSON.convertValue(report.path("tools"), new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
    assertThat(tools).contains("read_text_file", "list_directory").doesNotContain("write_file");
    assertThat(report.path("allowed").path("content").get(0).path("text").asText())
        .isEqualTo("Ada Lovelace, ssn ***-**-****\n");
    assertThat(report.path("denied").path("error").path("code").asInt()).isEqualTo(-32001);
    assertThat(java.nio.file.Files.readString(bridgeRoot.resolve("customer.txt"))).contains("123-45-6789");
    RequestIntercepted call = recorded(r -> r.getBody() instanceof McpRequest m
        && "read_text_file".equals(m.getToolName()) && "mcp:fs".equals(r.getHeader().getResource()));
    assertThat(JSON.readTree(((McpRequest) call.getBody()).getArguments()).path("path").asText()).isEqualTo(file);
    assertThat(((McpRequest) call.getBody()).getMcpSessionId()).isNotBlank();
    assertThat(chunksOf(call.getRequestId())).isNotEmpty();
    RequestIntercepted listed = recorded(r -> r.getBody() instanceof McpRequest m && m.getListedTools() != null
        && "mcp:fs".equals(r.getHeader().getResource()));
    assertThat(((McpRequest) listed.getBody()).getListedTools()).contains("write_file", "read_text_file");
  }

  @Test
  void theOfficialOpenAiSdkStreamsAChatCompletionThroughWitness() throws Exception {
    Path e2e = NodeClients.require("openai");
    openai.release();

    JsonNode report = runNode(e2e, "openai-client.mjs", "http://127.0.0.1:" + proxy.port() + "/openai/v1",
        TOKEN, "sdk-session-1");

    assertThat(report.path("text").asText()).isEqualTo("The SSN is ***-**-****");
    assertThat(JSON.convertValue(report.path("toolCallIds"), List.class)).containsExactly("call_abc123");
    assertThat(report.path("usage").path("total_tokens").asInt()).isEqualTo(19);
    assertThat(report.path("events").asInt()).isEqualTo(4);
    RequestIntercepted recorded = recorded(r -> r.getHeader().getProtocol() == Protocol.OPENAI
        && r.getHeader().getSessionId().equals("sdk-session-1"));
    assertThat(((HttpRequest) recorded.getBody()).getPath()).isEqualTo("/openai/v1/chat/completions");
    assertThat(openai.headersSeen.get(openai.headersSeen.size() - 1).getFirst("Authorization"))
        .isEqualTo("Bearer " + OPENAI_KEY);
  }

  /** Runs a script of deploy/e2e with node and parses the one JSON line it prints. */
  private static JsonNode runNode(Path dir, String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of("node"));
    line.addAll(List.of(command));
    Process node = new ProcessBuilder(line).directory(dir.toFile()).start();
    node.getOutputStream().close();
    java.util.concurrent.CompletableFuture<String> stdout = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    String stderr = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(node.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(node.exitValue()).as(stderr).isZero();
    return JSON.readTree(stdout.get(10, java.util.concurrent.TimeUnit.SECONDS).strip());
  }

  private static HttpResponse<String> post(String path, String mcpSession, String body) throws Exception {
    java.net.http.HttpRequest.Builder b = to(path).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream");
    if (mcpSession != null) {
      b.header("Mcp-Session-Id", mcpSession);
    }
    return client.send(b.POST(BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
  }

  private static java.net.http.HttpRequest.Builder to(String path) {
    return java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + path))
        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TOKEN);
  }

  private static RequestIntercepted recorded(Predicate<RequestIntercepted> which) {
    return await().atMost(Duration.ofSeconds(10)).until(
        () -> streams.responder().requests.stream().filter(which).reduce((a, b) -> b).orElse(null), r -> r != null);
  }

  private static List<ResponseChunk> chunksOf(String requestId) {
    return await().atMost(Duration.ofSeconds(10)).until(() -> streams.responder().chunks.stream()
        .filter(c -> c.getRequestId().equals(requestId))
        .sorted(Comparator.comparingInt(ResponseChunk::getChunkIndex)).toList(),
        l -> l.stream().anyMatch(ResponseChunk::getLast));
  }
}
