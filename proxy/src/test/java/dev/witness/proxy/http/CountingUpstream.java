package dev.witness.proxy.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP target that counts what reaches it. */
final class CountingUpstream implements AutoCloseable {

  static final String CUSTOMER = "name=Ada Lovelace ssn=123-45-6789";
  static final String UPSTREAM_COOKIE = "session=upstream-cookie-secret";
  static final byte[] BIG = big(5 * 1024 * 1024);

  final AtomicInteger requests = new AtomicInteger();
  final List<Headers> headersSeen = new CopyOnWriteArrayList<>();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private CountingUpstream(HttpServer server) {
    this.server = server;
  }

  static CountingUpstream start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    CountingUpstream upstream = new CountingUpstream(server);
    server.createContext("/", upstream::handle);
    server.setExecutor(upstream.executor);
    server.start();
    return upstream;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    headersSeen.add(exchange.getRequestHeaders());
    byte[] requestBody = exchange.getRequestBody().readAllBytes();
    String path = exchange.getRequestURI().getRawPath();
    byte[] body;
    if (path.equals("/big")) {
      exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
      body = BIG;
    } else if (path.equals("/echo")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      body = requestBody;
    } else if (path.equals("/customer")) {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.getResponseHeaders().add("Set-Cookie", UPSTREAM_COOKIE);
      body = CUSTOMER.getBytes(StandardCharsets.UTF_8);
    } else {
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      body = ("ok " + exchange.getRequestMethod() + " " + exchange.getRequestURI()).getBytes(StandardCharsets.UTF_8);
    }
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static byte[] big(int size) {
    // Letters only, so the test mask (digits of an SSN) never touches it.
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) ('a' + (i * 7 + i / 1024) % 26);
    }
    return bytes;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
