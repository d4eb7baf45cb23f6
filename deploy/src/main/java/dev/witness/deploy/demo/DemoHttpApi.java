package dev.witness.deploy.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.witness.embedded.PortCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The demo target: a small REST API over the demo database that agents reach through the
 * Witness HTTP proxy. It demands a backend secret that only Witness holds.
 */
public final class DemoHttpApi implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final DataSource demo;
  private final byte[] expectedAuthorization;
  private final AtomicLong requests = new AtomicLong();

  private DemoHttpApi(HttpServer server, DataSource demo, String backendSecret) {
    this.server = server;
    this.demo = demo;
    this.expectedAuthorization = ("Bearer " + backendSecret).getBytes(StandardCharsets.UTF_8);
  }

  /** Starts the API on {@code host:port} (port 0 for any free one). */
  public static DemoHttpApi start(String host, int port, DataSource demo, String backendSecret) {
    if (port != 0) {
      PortCheck.requireFree(host, port, "the demo HTTP API");
    }
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 64);
      DemoHttpApi api = new DemoHttpApi(server, demo, backendSecret);
      server.createContext("/", api::handle);
      server.setExecutor(Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "demo-api");
        t.setDaemon(true);
        return t;
      }));
      server.start();
      return api;
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start the demo HTTP API on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Base URL, e.g. {@code http://127.0.0.1:18080}. */
  public String url() {
    return "http://" + server.getAddress().getHostString() + ":" + port();
  }

  /** How many requests reached the API (tests assert that denied requests never do). */
  public long requestCount() {
    return requests.get();
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      String auth = ex.getRequestHeaders().getFirst("Authorization");
      if (auth == null || !MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
        send(ex, 401, error("missing or wrong backend credential"));
        return;
      }
      String method = ex.getRequestMethod();
      String path = ex.getRequestURI().getPath();
      String[] parts = path.split("/");
      if (path.equals("/health")) {
        send(ex, 200, JSON.createObjectNode().put("status", "ok"));
      } else if (path.equals("/customers") && method.equals("GET")) {
        int limit = intParam(ex, "limit", 50);
        send(ex, 200, query("SELECT * FROM customers ORDER BY id LIMIT ?", limit));
      } else if (parts.length == 3 && parts[1].equals("customers") && method.equals("GET")) {
        ArrayNode rows = query("SELECT * FROM customers WHERE id = ?", Integer.parseInt(parts[2]));
        send(ex, rows.isEmpty() ? 404 : 200, rows.isEmpty() ? error("no customer " + parts[2]) : rows.get(0));
      } else if (parts.length == 3 && parts[1].equals("customers") && method.equals("DELETE")) {
        send(ex, 200, JSON.createObjectNode().put("deleted", update("DELETE FROM orders WHERE customer_id = ?",
            Integer.parseInt(parts[2]))));
      } else if (path.equals("/orders") && method.equals("GET")) {
        send(ex, 200, query("SELECT * FROM orders ORDER BY id LIMIT ?", intParam(ex, "limit", 50)));
      } else if (path.equals("/orders") && method.equals("POST")) {
        JsonNode body = JSON.readTree(ex.getRequestBody());
        ArrayNode created = query("INSERT INTO orders (customer_id, amount_cents, status) VALUES (?, ?, 'new') RETURNING *",
            body.path("customerId").asInt(1), body.path("amountCents").asLong(100));
        send(ex, 201, created.get(0));
      } else if (path.equals("/stream")) {
        streamText(ex, intParam(ex, "bytes", 1024));
      } else {
        send(ex, 404, error("no route " + method + " " + path));
      }
    } catch (NumberFormatException e) {
      send(ex, 400, error("bad number: " + e.getMessage()));
    } catch (SQLException e) {
      send(ex, 500, error("database error: " + e.getSQLState()));
    } catch (RuntimeException e) {
      send(ex, 500, error(e.getClass().getSimpleName()));
    }
  }

  private static int intParam(HttpExchange ex, String name, int fallback) {
    String q = ex.getRequestURI().getRawQuery();
    if (q != null) {
      for (String pair : q.split("&")) {
        if (pair.startsWith(name + "=")) {
          return Integer.parseInt(pair.substring(name.length() + 1));
        }
      }
    }
    return fallback;
  }

  /** Streams {@code bytes} of line-oriented text without holding it in memory. */
  private static void streamText(HttpExchange ex, int bytes) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(200, bytes);
    byte[] line = "witness demo stream line 0123456789 abcdefghijklmnopqrstuvwxyz\n".getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = ex.getResponseBody()) {
      int left = bytes;
      while (left > 0) {
        int n = Math.min(left, line.length);
        out.write(line, 0, n);
        left -= n;
      }
    }
  }

  private ArrayNode query(String sql, Object... params) throws SQLException {
    try (Connection c = demo.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        ArrayNode rows = JSON.createArrayNode();
        while (rs.next()) {
          ObjectNode row = rows.addObject();
          for (int col = 1; col <= md.getColumnCount(); col++) {
            Object v = rs.getObject(col);
            if (v == null) {
              row.putNull(md.getColumnLabel(col));
            } else if (v instanceof Number n) {
              row.put(md.getColumnLabel(col), n.longValue());
            } else {
              row.put(md.getColumnLabel(col), v.toString());
            }
          }
        }
        return rows;
      }
    }
  }

  private int update(String sql, Object... params) throws SQLException {
    try (Connection c = demo.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      return ps.executeUpdate();
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void send(HttpExchange ex, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
