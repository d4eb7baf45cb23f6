package dev.witness.deploy.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.witness.deploy.demo.DemoDatabase;
import dev.witness.deploy.demo.SyntheticCustomers;
import dev.witness.schemas.config.BackendCredential;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.WitnessConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's end-to-end run: an agent written with the real OpenAI Agents SDK, whose model, MCP
 * tools and SQL all go through a standalone Witness, leaves a session an auditor can follow from
 * the model's tool call to the masked results the agent got back.
 */
class AgentEndToEndIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String UPSTREAM_KEY = "sk-upstream-" + UUID.randomUUID();

  private static Path e2e;
  private static ScriptedModelServer model;
  private static McpServerProcess mcp;
  private static Standalone witness;
  private static EvidenceClient auditor;
  private static SyntheticCustomers.Customer customer;

  @BeforeAll
  static void start() throws Exception {
    e2e = NodeClients.require("@openai/agents");
    customer = SyntheticCustomers.generate(DemoDatabase.CUSTOMERS, DemoDatabase.SEED).get(9);
    model = ScriptedModelServer.start("{\"id\":" + customer.id() + "}",
        JSON.writeValueAsString(JSON.createObjectNode().put("query",
            "select id, email, card_number, city from customers where id = " + customer.id())));
    mcp = McpServerProcess.start(e2e, JSON.writeValueAsString(JSON.createObjectNode().put("id", customer.id())
        .put("name", customer.fullName()).put("email", customer.email()).put("card_number", customer.cardNumber())
        .put("city", customer.city())));
    WitnessConfig defaults = WitnessConfig.defaults();
    WitnessConfig base = defaults.withProxy(defaults.proxy().withHttp(defaults.proxy().http().withRoutes(List.of(
        new HttpRoute("/openai/v1", "openai:scripted", model.url(), true,
            new BackendCredential("Authorization", "Bearer " + UPSTREAM_KEY, null, null), "openai"),
        new HttpRoute("/mcp/tools", "mcp:tools", mcp.url(), true, null, "mcp")))));
    StartedStandalone started = StartedStandalone.start(base, "agent-e2e");
    witness = started.witness();
    auditor = started.auditor();
  }

  @AfterAll
  static void stop() {
    if (witness != null) {
      witness.close();
    }
    if (mcp != null) {
      mcp.close();
    }
    if (model != null) {
      model.close();
    }
  }

  @Test
  void theAgentsToolChainIsOneSessionAnAuditorCanFollow() throws Exception {
    String session = "agent-" + UUID.randomUUID();
    String purpose = "ticket-" + UUID.randomUUID();
    JsonNode agentSaw = runAgent(session, purpose);
    String maskedCard = "*".repeat(12) + customer.cardNumber().substring(12);

    // What the agent itself saw: the scripted tool calls, answered with masked data.
    assertThat(agentSaw.path("toolCalls").findValuesAsText("callId"))
        .containsExactly(ScriptedModelServer.MCP_CALL_ID, ScriptedModelServer.SQL_CALL_ID);
    assertThat(agentSaw.path("toolOutputs").toString()).contains("[EMAIL]").contains(maskedCard);
    assertThat(agentSaw.path("finalOutput").asText()).isEqualTo(ScriptedModelServer.FINAL_ANSWER);

    // Model, MCP and SQL traffic share one session: X-Witness-Session on HTTP, and the SQL tool's
    // connection joins it with PGOPTIONS-style startup options (-c witness.session=...).
    List<JsonNode> events = awaitExchanges(session, 3, e -> e.protocol().equals("OPENAI")
        && e.responseText().contains(ScriptedModelServer.FINAL_ANSWER));
    List<Exchange> chain = Exchange.of(events);
    List<Exchange> modelCalls = chain.stream().filter(e -> e.protocol().equals("OPENAI")).toList();
    List<Exchange> toolCalls = chain.stream()
        .filter(e -> e.protocol().equals("MCP") && "tools/call".equals(e.details().path("method").asText())).toList();
    assertThat(modelCalls).hasSize(3);
    assertThat(toolCalls).hasSize(1);
    Exchange mcpCall = toolCalls.get(0);
    List<Exchange> sqlChain = chain.stream().filter(e -> e.protocol().equals("SQL")).toList();
    assertThat(sqlChain).hasSize(1);
    Exchange sql = sqlChain.get(0);
    assertThat(sql.details().path("toolCallId").asText()).isEqualTo(ScriptedModelServer.SQL_CALL_ID);
    CausalChainIT.assertGapFreeSequences(events);

    // 1. The model proposes the MCP tool call.
    assertThat(modelCalls.get(0).responseText()).contains(ScriptedModelServer.MCP_CALL_ID)
        .contains("\"name\":\"lookup_customer\"");
    // 2. The agent calls that tool with those arguments through Witness, which allows it ...
    assertThat(chain.indexOf(mcpCall)).isGreaterThan(chain.indexOf(modelCalls.get(0)));
    assertThat(mcpCall.details().path("toolName").asText()).isEqualTo(ScriptedModelServer.MCP_TOOL);
    assertThat(JSON.readTree(mcpCall.details().path("arguments").asText()))
        .isEqualTo(JSON.readTree("{\"id\":" + customer.id() + "}"));
    assertThat(mcpCall.decision()).isEqualTo("ALLOW");
    // 3. ... and records the result masked.
    assertThat(mcpCall.responseText()).contains("[EMAIL]").contains(maskedCard).contains(customer.city());
    assertThat(mcpCall.maskings()).contains("email").contains("card");
    // 4. The next model call carries the masked tool output and proposes the SQL tool.
    Exchange second = modelCalls.get(1);
    assertThat(chain.indexOf(second)).isGreaterThan(chain.indexOf(mcpCall));
    assertThat(second.requestText()).contains(ScriptedModelServer.MCP_CALL_ID).contains("[EMAIL]");
    assertThat(second.responseText()).contains(ScriptedModelServer.SQL_CALL_ID).contains(ScriptedModelServer.SQL_TOOL);
    // 5. The SQL statement and its masked rows, between that model answer and the next model call.
    assertThat(sql.details().path("statement").asText())
        .isEqualTo("select id, email, card_number, city from customers where id = " + customer.id());
    assertThat(sql.decision()).isEqualTo("ALLOW");
    assertThat(sql.responseText()).contains("[EMAIL]").contains(maskedCard).contains(customer.city());
    assertThat(sql.maskings()).contains("email").contains("card");
    Exchange third = modelCalls.get(2);
    assertThat(sql.requestedAt()).isAfter(second.lastRecordedAt());
    assertThat(sql.lastRecordedAt()).isBefore(third.requestedAt());
    assertThat(chain.indexOf(sql)).isGreaterThan(chain.indexOf(second)).isLessThan(chain.indexOf(third));
    // 6. The last model call sees the masked rows and answers.
    assertThat(third.requestText()).contains(ScriptedModelServer.SQL_CALL_ID).contains(maskedCard);
    assertThat(third.responseText()).contains(ScriptedModelServer.FINAL_ANSWER);

    // Every record names the agent and the purpose; no personal data or secret is anywhere.
    List<JsonNode> all = new ArrayList<>(events);
    for (JsonNode e : all) {
      assertThat(e.path("agent").path("id").asText()).isEqualTo(DemoCredentials.AGENT_ID);
      assertThat(e.path("purpose").asText()).isEqualTo(purpose);
    }
    List<String> sensitive = List.of(customer.email(), customer.cardNumber(), witness.credentials().agentToken(), UPSTREAM_KEY);
    String evidence = all.toString() + sql.responseText();
    String modelSaw = String.join("\n", model.bodiesSeen);
    for (String value : sensitive) {
      assertThat(evidence).as("evidence API").doesNotContain(value);
      assertThat(modelSaw).as("model requests").doesNotContain(value);
      assertThat(agentSaw.toString()).as("agent output").doesNotContain(value);
    }
    // Witness swapped the agent's token for the model provider's key.
    assertThat(model.authorizationsSeen).isNotEmpty().allMatch(("Bearer " + UPSTREAM_KEY)::equals);
  }

  /** Waits until the session's last exchange satisfies {@code done} and has its last response chunk. */
  private static List<JsonNode> awaitExchanges(String session, int minEvents, Predicate<Exchange> done) {
    List<List<JsonNode>> found = new ArrayList<>();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
      List<JsonNode> events = auditor.awaitEvents(session, minEvents);
      found.add(0, events);
      List<Exchange> chain = Exchange.of(events);
      return !chain.isEmpty() && done.test(chain.get(chain.size() - 1)) && chain.get(chain.size() - 1).complete();
    });
    return found.get(0);
  }

  private static JsonNode runAgent(String session, String purpose) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("node", "agent-run.mjs",
        witness.httpProxyUrl() + "/openai/v1", witness.httpProxyUrl() + "/mcp/tools",
        witness.endpoints().postgresHost(), Integer.toString(witness.endpoints().postgresPort()),
        witness.credentials().agentToken(), session, purpose)
        .directory(e2e.toFile()).redirectErrorStream(true);
    Path log = Files.createTempFile("agent-run", ".log");
    builder.redirectOutput(log.toFile());
    Process node = builder.start();
    node.getOutputStream().close();
    boolean exited = node.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      node.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(exited).as("agent-run.mjs finished: " + output).isTrue();
    assertThat(node.exitValue()).as(output).isZero();
    String last = output.strip().lines().reduce((a, b) -> b).orElse("");
    return JSON.readTree(last);
  }
}
