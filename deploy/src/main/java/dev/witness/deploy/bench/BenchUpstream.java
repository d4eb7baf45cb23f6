package dev.witness.deploy.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The targets of {@code witness bench mcp}: an MCP server on streamable HTTP ({@code /mcp}: answers
 * every request with a small tools/call result) and an OpenAI-compatible streaming endpoint
 * ({@code /v1/chat/completions}: the first SSE event at once, the rest after 20 ms). Same answers
 * whether called directly or through Witness, so the difference is what Witness adds.
 */
final class BenchUpstream implements AutoCloseable {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\"[^\"]*\"|\\d+)");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  BenchUpstream() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    server.createContext("/mcp", this::mcp);
    server.createContext("/v1/chat/completions", this::chat);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void mcp(HttpExchange exchange) throws IOException {
    try (exchange) {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Matcher id = ID.matcher(body);
      String answer = "{\"jsonrpc\":\"2.0\",\"id\":" + (id.find() ? id.group(1) : "null")
          + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"customer 42: Ada, city London\"}],\"isError\":false}}";
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Mcp-Session-Id", "bench-session");
      exchange.sendResponseHeaders(200, bytes.length);
      exchange.getResponseBody().write(bytes);
    }
  }

  private void chat(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getRequestBody().readAllBytes();
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write(event("Hello").getBytes(StandardCharsets.UTF_8));
      out.flush();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.write((event(" world") + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String event(String text) {
    return "data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"model\":\"bench\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"" + text + "\"},\"finish_reason\":null}]}\n\n";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
