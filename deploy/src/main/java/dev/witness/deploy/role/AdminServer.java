package dev.witness.deploy.role;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.witness.embedded.PortInUseException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operations endpoint of a proxy or streams process ({@code admin.listen}): {@code /healthz}
 * (the process is alive), {@code /readyz} (200, or 503 with the reasons as JSON) and
 * {@code /metrics} (Prometheus text).
 */
final class AdminServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private AdminServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /** Binds {@code listen} ({@code host:port}; port 0 picks one) and serves the three endpoints. */
  static AdminServer start(String listen, ReadinessCheck readiness, ProcessMetrics metrics) {
    int colon = listen.lastIndexOf(':');
    String host = listen.substring(0, colon);
    int port = Integer.parseInt(listen.substring(colon + 1));
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (BindException e) {
      throw new PortInUseException(host, port, "the admin endpoint (admin.listen)");
    } catch (IOException e) {
      throw new IllegalStateException("admin.listen: cannot listen on " + listen + " (" + e.getMessage() + ")", e);
    }
    server.createContext("/healthz", ex -> respond(ex, 200, "application/json", "{\"status\":\"alive\"}"));
    server.createContext("/readyz", ex -> ready(ex, readiness));
    server.createContext("/metrics", ex -> respond(ex, 200, PROMETHEUS_TEXT, metrics.scrape()));
    // Probes must answer while the process is busy: two threads of their own.
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "witness-admin");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.start();
    LOG.info("admin endpoint listening address={}:{}", host, server.getAddress().getPort());
    return new AdminServer(server, executor);
  }

  private static void ready(HttpExchange exchange, ReadinessCheck readiness) throws IOException {
    List<String> problems;
    try {
      problems = readiness.problems();
    } catch (RuntimeException e) {
      problems = List.of("readiness check failed: " + e.getClass().getSimpleName());
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", problems.isEmpty() ? "ready" : "not ready");
    if (!problems.isEmpty()) {
      body.put("reasons", problems);
    }
    respond(exchange, problems.isEmpty() ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  /** The bound port (the chosen one when configured as 0). */
  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
