package dev.witness.proxy.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real MCP server on the streamable HTTP transport (JSON-RPC 2.0 over POST): initialize
 * assigns an Mcp-Session-Id, tools/list answers JSON, tools/call answers one SSE event, and
 * notifications get 202. It counts the calls per tool that reach it.
 */
final class McpUpstream implements AutoCloseable {

  static final String SESSION = "mcp-session-7f3a";
  static final String CUSTOMER_TEXT = "Ada Lovelace, ssn 123-45-6789";

  final Map<String, AtomicInteger> toolCalls = new ConcurrentHashMap<>();
  final List<Headers> headersSeen = new CopyOnWriteArrayList<>();
  final AtomicInteger posts = new AtomicInteger();

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private McpUpstream(HttpServer server) {
    this.server = server;
  }

  static McpUpstream start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    McpUpstream upstream = new McpUpstream(server);
    server.createContext("/mcp", upstream::handle);
    server.setExecutor(upstream.executor);
    server.start();
    return upstream;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
  }

  int calls(String tool) {
    return toolCalls.computeIfAbsent(tool, t -> new AtomicInteger()).get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    headersSeen.add(exchange.getRequestHeaders());
    if (!exchange.getRequestMethod().equals("POST")) {
      send(exchange, 405, "application/json", "{}");
      return;
    }
    posts.incrementAndGet();
    JsonNode message = JSON.readTree(exchange.getRequestBody().readAllBytes());
    String method = message.path("method").asText();
    String id = message.has("id") ? JSON.writeValueAsString(message.get("id")) : null;
    if (id == null) {
      exchange.sendResponseHeaders(202, -1);
      exchange.close();
      return;
    }
    switch (method) {
      case "initialize" -> {
        exchange.getResponseHeaders().set("Mcp-Session-Id", SESSION);
        send(exchange, 200, "application/json", result(id, """
            {"protocolVersion":"2025-06-18","capabilities":{"tools":{}},"serverInfo":{"name":"it-mcp","version":"1.0.0"}}"""));
      }
      case "tools/list" -> {
        String tools = result(id, """
            {"tools":[{"name":"lookup_customer","description":"Find a customer","inputSchema":{"type":"object","properties":{"id":{"type":"integer"}}}},\
            {"name":"delete_customer","description":"Delete a customer","inputSchema":{"type":"object","properties":{"id":{"type":"integer"}}}}]}""");
        if (id.startsWith("\"sse-")) {
          // As servers that stream: a notification first, then the result as an SSE event.
          send(exchange, 200, "text/event-stream", "event: message\ndata: {\"jsonrpc\":\"2.0\",\"method\":"
              + "\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"listing\"}}\n\n"
              + "event: message\nid: 7\ndata: " + tools + "\n\n");
        } else {
          send(exchange, 200, "application/json", tools);
        }
      }
      case "tools/call" -> {
        String tool = message.path("params").path("name").asText();
        toolCalls.computeIfAbsent(tool, t -> new AtomicInteger()).incrementAndGet();
        String text = JSON.writeValueAsString(CUSTOMER_TEXT + " (id " + message.path("params").path("arguments").path("id") + ")");
        String event = "event: message\ndata: " + result(id, "{\"content\":[{\"type\":\"text\",\"text\":" + text + "}],\"isError\":false}") + "\n\n";
        send(exchange, 200, "text/event-stream", event);
      }
      default -> send(exchange, 200, "application/json",
          "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
    }
  }

  private static String result(String id, String result) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + result + "}";
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
