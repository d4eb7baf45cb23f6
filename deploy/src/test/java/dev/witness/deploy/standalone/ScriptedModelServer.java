package dev.witness.deploy.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Stands in for an LLM (which cannot run here) with the real wire format of the OpenAI Responses
 * API as the Agents SDK streams it: {@code response.created}, {@code response.output_item.added}
 * / {@code .done} and {@code response.completed} SSE events. The script is fixed: first a call to
 * the MCP tool, then (once that output is in the input) a SQL tool call, then a final answer.
 */
final class ScriptedModelServer implements AutoCloseable {

  static final String MCP_CALL_ID = "call_mcp_lookup_1";
  static final String SQL_CALL_ID = "call_sql_orders_2";
  static final String MCP_TOOL = "lookup_customer";
  static final String SQL_TOOL = "run_sql";
  static final String FINAL_ANSWER = "Customer 10 lives in the city on record and has the listed orders.";

  private static final ObjectMapper JSON = new ObjectMapper();

  final List<String> bodiesSeen = new CopyOnWriteArrayList<>();
  final List<String> authorizationsSeen = new CopyOnWriteArrayList<>();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final String mcpArguments;
  private final String sqlArguments;

  private ScriptedModelServer(HttpServer server, String mcpArguments, String sqlArguments) {
    this.server = server;
    this.mcpArguments = mcpArguments;
    this.sqlArguments = sqlArguments;
  }

  static ScriptedModelServer start(String mcpArguments, String sqlArguments) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    ScriptedModelServer model = new ScriptedModelServer(server, mcpArguments, sqlArguments);
    server.createContext("/v1", model::handle);
    server.setExecutor(model.executor);
    server.start();
    return model;
  }

  /** The base URL an OpenAI client would use ({@code .../v1}). */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    bodiesSeen.add(body);
    authorizationsSeen.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    if (!exchange.getRequestURI().getPath().equals("/v1/responses")) {
      byte[] error = "{\"error\":{\"message\":\"only /v1/responses is scripted\",\"type\":\"invalid_request_error\"}}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(404, error.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(error);
      }
      return;
    }
    int turn = body.contains(SQL_CALL_ID) ? 3 : body.contains(MCP_CALL_ID) ? 2 : 1;
    ObjectNode item = switch (turn) {
      case 1 -> functionCall("fc_1", MCP_CALL_ID, MCP_TOOL, mcpArguments);
      case 2 -> functionCall("fc_2", SQL_CALL_ID, SQL_TOOL, sqlArguments);
      default -> message("msg_3", FINAL_ANSWER);
    };
    String responseId = "resp_turn_" + turn;
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      int sequence = 0;
      ObjectNode created = JSON.createObjectNode().put("type", "response.created").put("sequence_number", sequence++);
      created.set("response", response(responseId, "in_progress", List.of()));
      send(out, created);
      ObjectNode added = JSON.createObjectNode().put("type", "response.output_item.added")
          .put("sequence_number", sequence++).put("output_index", 0);
      added.set("item", item.deepCopy().put("status", "in_progress"));
      send(out, added);
      ObjectNode done = JSON.createObjectNode().put("type", "response.output_item.done")
          .put("sequence_number", sequence++).put("output_index", 0);
      done.set("item", item);
      send(out, done);
      ObjectNode completed = JSON.createObjectNode().put("type", "response.completed").put("sequence_number", sequence);
      completed.set("response", response(responseId, "completed", List.of(item)));
      send(out, completed);
    }
  }

  private static ObjectNode functionCall(String id, String callId, String name, String arguments) {
    return JSON.createObjectNode().put("type", "function_call").put("id", id).put("call_id", callId)
        .put("name", name).put("arguments", arguments).put("status", "completed");
  }

  private static ObjectNode message(String id, String text) {
    ObjectNode message = JSON.createObjectNode().put("type", "message").put("id", id).put("role", "assistant")
        .put("status", "completed");
    message.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
    return message;
  }

  private static ObjectNode response(String id, String status, List<ObjectNode> output) {
    ObjectNode response = JSON.createObjectNode().put("id", id).put("object", "response").put("created_at", 1764100000)
        .put("status", status).put("model", "gpt-test");
    ArrayNode items = response.putArray("output");
    new ArrayList<>(output).forEach(items::add);
    if (status.equals("completed")) {
      ObjectNode usage = response.putObject("usage").put("input_tokens", 40).put("output_tokens", 12).put("total_tokens", 52);
      usage.putObject("input_tokens_details").put("cached_tokens", 0);
      usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
    }
    return response;
  }

  private static void send(OutputStream out, ObjectNode event) throws IOException {
    out.write(("event: " + event.get("type").asText() + "\ndata: " + JSON.writeValueAsString(event) + "\n\n")
        .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
