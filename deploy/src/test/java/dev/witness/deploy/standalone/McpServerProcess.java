package dev.witness.deploy.standalone;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code deploy/e2e/mcp-server.mjs}: a real MCP server (official TypeScript SDK, streamable HTTP)
 * run as a child process, serving one customer record the test chose.
 */
final class McpServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;

  private McpServerProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static McpServerProcess start(Path e2e, String customerJson) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("node", "mcp-server.mjs").directory(e2e.toFile())
        .redirectError(ProcessBuilder.Redirect.INHERIT);
    builder.environment().put("CUSTOMER_JSON", customerJson);
    Process process = builder.start();
    process.getOutputStream().close();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    try {
      line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("mcp-server.mjs did not print its port", e);
    }
    if (line == null) {
      throw new IllegalStateException("mcp-server.mjs exited with " + process.waitFor());
    }
    return new McpServerProcess(process, new ObjectMapper().readTree(line).get("port").asInt());
  }

  String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
