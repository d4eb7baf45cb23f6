package dev.witness.schemas.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A local HTTP server answering with canned responses in order (the last one repeats), recording
 * each request; stands in for a misbehaving registry in client tests.
 */
final class ScriptedHttpServer implements AutoCloseable {

  record Canned(int status, String contentType, String body) {}

  record Seen(String method, String path, String authorization, String contentType, String body) {}

  private final HttpServer server;
  private final Deque<Canned> script = new ArrayDeque<>();
  private final List<Seen> seen = new ArrayList<>();

  ScriptedHttpServer(Canned... responses) {
    script.addAll(List.of(responses));
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::answer);
    server.start();
  }

  static Canned json(int status, String body) {
    return new Canned(status, RestSchemaRegistryClient.CONTENT_TYPE, body);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  synchronized List<Seen> requests() {
    return List.copyOf(seen);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      Canned canned;
      synchronized (this) {
        seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
            exchange.getRequestHeaders().getFirst("Authorization"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        canned = script.size() > 1 ? script.poll() : script.peek();
      }
      byte[] body = canned.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", canned.contentType());
      exchange.sendResponseHeaders(canned.status(), body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
