package dev.witness.proxy.mcpbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one stdio MCP server on the MCP streamable HTTP transport: each POSTed JSON-RPC request is
 * written to the child's stdin and its answer returned as JSON (or as one SSE event when the client
 * accepts only {@code text/event-stream}); notifications and responses get 202. {@code initialize}
 * starts a session ({@code Mcp-Session-Id}); later messages must carry it. GET (a server-initiated
 * stream) is 405, as the transport allows. When the child exits, requests get a JSON-RPC error at once.
 */
public final class McpBridge implements AutoCloseable {

  /** The path the bridge serves; {@code /} answers the same. */
  public static final String PATH = "/mcp";
  /** Largest POST body read; a bigger one gets 413 with a JSON-RPC error. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(McpBridge.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SESSION_HEADER = "Mcp-Session-Id";

  private final StdioMcpServer server;
  private final HttpServer http;
  private final ExecutorService executor;
  private final Duration timeout;
  private volatile String session;

  private McpBridge(StdioMcpServer server, HttpServer http, ExecutorService executor, Duration timeout) {
    this.server = server;
    this.http = http;
    this.executor = executor;
    this.timeout = timeout;
  }

  /**
   * Starts {@code command} and listens on {@code listen} (port 0 picks one).
   *
   * @param timeout how long one request may wait for the server's answer
   */
  public static McpBridge start(InetSocketAddress listen, List<String> command, Duration timeout) throws IOException {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("mcp-bridge: give the MCP server's command after --");
    }
    StdioMcpServer server = StdioMcpServer.start(command);
    HttpServer http;
    try {
      http = HttpServer.create(listen, 64);
    } catch (IOException e) {
      server.close();
      throw e;
    }
    ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    McpBridge bridge = new McpBridge(server, http, executor, timeout);
    http.createContext("/", bridge::handle);
    http.setExecutor(executor);
    http.start();
    LOG.info("mcp bridge listening address={} path={}", bridge.url(), PATH);
    return bridge;
  }

  /** The MCP endpoint, e.g. {@code http://127.0.0.1:8931/mcp}: the {@code upstream} of an mcp route. */
  public String url() {
    return "http://" + http.getAddress().getHostString() + ":" + http.getAddress().getPort() + PATH;
  }

  /** Completes with the child's exit code when it exits. */
  public CompletableFuture<Integer> serverExited() {
    return server.exited();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(PATH) && !path.equals("/")) {
        send(exchange, 404, "application/json", "{\"error\":\"the MCP endpoint is " + PATH + "\"}");
        return;
      }
      switch (exchange.getRequestMethod()) {
        case "POST" -> post(exchange);
        case "DELETE" -> {
          if (session != null && session.equals(exchange.getRequestHeaders().getFirst(SESSION_HEADER))) {
            session = null;
            send(exchange, 200, null, "");
          } else {
            send(exchange, 404, null, "");
          }
        }
        default -> {
          exchange.getResponseHeaders().set("Allow", "POST, DELETE");
          send(exchange, 405, null, "");
        }
      }
    }
  }

  private void post(HttpExchange exchange) throws IOException {
    byte[] body = readBounded(exchange.getRequestBody());
    if (body == null) {
      rpcError(exchange, 413, null, -32600, "Invalid Request: the message is larger than " + MAX_BODY_BYTES + " bytes");
      return;
    }
    JsonNode message;
    try {
      message = JSON.readTree(body);
    } catch (IOException e) {
      rpcError(exchange, 400, null, -32700, "Parse error: the body is not valid JSON");
      return;
    }
    if (message == null || message.isMissingNode()) {
      rpcError(exchange, 400, null, -32700, "Parse error: the body is empty");
      return;
    }
    if (message.isArray()) {
      rpcError(exchange, 400, null, -32600, "Invalid Request: batches are not supported");
      return;
    }
    if (!(message instanceof ObjectNode object) || !"2.0".equals(object.path("jsonrpc").asText(null))) {
      rpcError(exchange, 400, null, -32600, "Invalid Request: a JSON-RPC 2.0 message object is expected");
      return;
    }
    JsonNode id = object.get("id");
    boolean request = object.has("method") && id != null && !id.isNull();
    boolean initialize = request && "initialize".equals(object.path("method").asText());
    String sent = exchange.getRequestHeaders().getFirst(SESSION_HEADER);
    if (!initialize) {
      if (sent == null) {
        rpcError(exchange, 400, id, -32600, "Bad Request: Mcp-Session-Id header is required");
        return;
      }
      if (!sent.equals(session)) {
        rpcError(exchange, 404, id, -32001, "Session not found");
        return;
      }
    }
    if (!request) {
      if (!server.send(object)) {
        rpcError(exchange, 502, id, StdioMcpServer.SERVER_UNAVAILABLE, "the MCP server process is not reachable");
        return;
      }
      send(exchange, 202, null, "");
      return;
    }
    JsonNode answer = server.request(object, timeout).join();
    if (initialize && !answer.has("error")) {
      session = UUID.randomUUID().toString();
      exchange.getResponseHeaders().set(SESSION_HEADER, session);
    } else if (session != null) {
      exchange.getResponseHeaders().set(SESSION_HEADER, session);
    }
    respond(exchange, 200, answer);
  }

  private void rpcError(HttpExchange exchange, int status, JsonNode id, int code, String message) throws IOException {
    LOG.info("mcp bridge refused status={} code={}", status, code);
    respond(exchange, status, StdioMcpServer.error(id, code, message));
  }

  /** JSON unless the client accepts only an event stream; then one SSE event. */
  private static void respond(HttpExchange exchange, int status, JsonNode message) throws IOException {
    String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept")).toLowerCase(Locale.ROOT);
    String json = JSON.writeValueAsString(message);
    if (accept.contains("text/event-stream") && !accept.contains("application/json")) {
      send(exchange, status, "text/event-stream", "event: message\ndata: " + json + "\n\n");
    } else {
      send(exchange, status, "application/json", json);
    }
  }

  private static byte[] readBounded(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
    return bytes.length > MAX_BODY_BYTES ? null : bytes;
  }

  private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (type != null) {
      exchange.getResponseHeaders().set("Content-Type", type);
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    http.stop(0);
    server.close();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
