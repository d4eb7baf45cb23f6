package dev.witness.proxy.mcpbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stdio MCP server child process: newline-delimited JSON-RPC on its stdin/stdout. Requests are
 * sent with ids of the bridge's own (so ids of different HTTP clients never collide) and answered
 * with the caller's id. When the child exits, every pending and later request gets a JSON-RPC error.
 */
final class StdioMcpServer implements AutoCloseable {

  /** JSON-RPC server error: the MCP server process is gone or did not answer in time. */
  static final int SERVER_UNAVAILABLE = -32000;

  private static final Logger LOG = LoggerFactory.getLogger(StdioMcpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final OutputStream stdin;
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong(1);
  private final Thread reader;
  private final CompletableFuture<Integer> exited = new CompletableFuture<>();

  private record Pending(JsonNode callerId, CompletableFuture<JsonNode> answer) {}

  private StdioMcpServer(Process process) {
    this.process = process;
    this.stdin = process.getOutputStream();
    this.reader = Thread.ofPlatform().daemon().name("mcp-bridge-stdout").start(this::readLoop);
    process.onExit().thenAccept(p -> {
      int code = p.exitValue();
      LOG.warn("mcp server process exited pid={} exitCode={}", p.pid(), code);
      exited.complete(code);
      failPending();
    });
  }

  /** Starts {@code command}; its stderr goes to this process's stderr (server logs, never parsed). */
  static StdioMcpServer start(List<String> command) throws IOException {
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    LOG.info("mcp server process started pid={} command={}", process.pid(), command.get(0));
    return new StdioMcpServer(process);
  }

  boolean alive() {
    return !exited.isDone();
  }

  /** Sends a request and completes with its response (the caller's id restored), or a JSON-RPC error. */
  CompletableFuture<JsonNode> request(ObjectNode message, Duration timeout) {
    JsonNode callerId = message.get("id");
    if (!alive()) {
      return CompletableFuture.completedFuture(exitedError(callerId));
    }
    long id = nextId.getAndIncrement();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, new Pending(callerId, answer));
    ObjectNode out = message.deepCopy();
    out.put("id", id);
    try {
      write(out);
    } catch (IOException e) {
      pending.remove(id);
      return CompletableFuture.completedFuture(exitedError(callerId));
    }
    if (!alive()) {
      failPending();
    }
    return answer.completeOnTimeout(error(callerId, SERVER_UNAVAILABLE,
        "the MCP server did not answer within " + timeout.toSeconds() + " s"), timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete((r, e) -> pending.remove(id));
  }

  /** Sends a notification or a client's response to a server request; false when the child is gone. */
  boolean send(JsonNode message) {
    try {
      write(message);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  JsonNode exitedError(JsonNode callerId) {
    Integer code = exited.getNow(null);
    return error(callerId, SERVER_UNAVAILABLE, code == null
        ? "the MCP server process is not reachable" : "the MCP server process exited with code " + code);
  }

  static ObjectNode error(JsonNode id, int code, String message) {
    ObjectNode error = JsonNodeFactory.instance.objectNode();
    error.put("jsonrpc", "2.0");
    error.set("id", id == null ? JsonNodeFactory.instance.nullNode() : id);
    error.putObject("error").put("code", code).put("message", message);
    return error;
  }

  private synchronized void write(JsonNode message) throws IOException {
    byte[] line = JSON.writeValueAsBytes(message);
    stdin.write(line);
    stdin.write('\n');
    stdin.flush();
  }

  private void readLoop() {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (!line.isBlank()) {
          onMessage(line);
        }
      }
    } catch (IOException e) {
      LOG.debug("mcp server stdout closed error={}", e.toString());
    }
    // stdout closed: nothing more can be answered, even if the process lingers.
    failPending();
  }

  private void onMessage(String line) {
    JsonNode message;
    try {
      message = JSON.readTree(line);
    } catch (IOException e) {
      LOG.warn("mcp server wrote a line that is not JSON bytes={}", line.length());
      return;
    }
    if (!(message instanceof ObjectNode object)) {
      return;
    }
    JsonNode id = object.get("id");
    if (object.has("method")) {
      if (id != null && !id.isNull()) {
        // A server request (sampling, roots, elicitation) has no way back to an HTTP client here.
        send(error(id, -32601, "the witness mcp-bridge does not relay server requests"));
      } else {
        LOG.debug("mcp server notification method={}", object.path("method").asText());
      }
      return;
    }
    if (id != null && id.canConvertToLong()) {
      Pending p = pending.remove(id.asLong());
      if (p != null) {
        object.set("id", p.callerId());
        p.answer().complete(object);
      }
    }
  }

  private void failPending() {
    for (Map.Entry<Long, Pending> e : pending.entrySet()) {
      if (pending.remove(e.getKey()) != null) {
        e.getValue().answer().complete(exitedError(e.getValue().callerId()));
      }
    }
  }

  /** Exit code of the child once it exited. */
  CompletableFuture<Integer> exited() {
    return exited;
  }

  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
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
