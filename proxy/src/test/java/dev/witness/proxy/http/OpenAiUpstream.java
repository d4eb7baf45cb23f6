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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted OpenAI-compatible server speaking the real wire format of a streamed Chat
 * Completion: {@code data:} events of {@code chat.completion.chunk}, a usage event and
 * {@code data: [DONE]}. After the first event it waits for {@link #release()} so a test can prove
 * the first event reached the agent while the stream was still open.
 */
final class OpenAiUpstream implements AutoCloseable {

  static final List<String> EVENTS = List.of(
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"The SSN is \"}}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_abc123\",\"type\":\"function\",\"function\":{\"name\":\"lookup\",\"arguments\":\"{}\"}}]}}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"123-45-6789\"},\"finish_reason\":\"stop\"}]}\n\n",
      "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-test\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7,\"total_tokens\":19}}\n\n",
      "data: [DONE]\n\n");

  final List<Headers> headersSeen = new CopyOnWriteArrayList<>();
  final List<String> bodiesSeen = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(1);
  private volatile CountDownLatch firstSent = new CountDownLatch(1);

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);

  private OpenAiUpstream(HttpServer server) {
    this.server = server;
  }

  static OpenAiUpstream start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    OpenAiUpstream upstream = new OpenAiUpstream(server);
    server.createContext("/v1", upstream::handle);
    server.setExecutor(upstream.executor);
    server.start();
    return upstream;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  /** Arms the next stream: it stops after its first event until {@link #release()}. */
  void holdAfterFirstEvent() {
    gate = new CountDownLatch(1);
    firstSent = new CountDownLatch(1);
  }

  boolean firstEventSent(long seconds) throws InterruptedException {
    return firstSent.await(seconds, TimeUnit.SECONDS);
  }

  boolean released() {
    return gate.getCount() == 0;
  }

  void release() {
    gate.countDown();
  }

  private void handle(HttpExchange exchange) throws IOException {
    headersSeen.add(exchange.getRequestHeaders());
    bodiesSeen.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
    exchange.sendResponseHeaders(200, 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (int i = 0; i < EVENTS.size(); i++) {
        out.write(EVENTS.get(i).getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (i == 0) {
          firstSent.countDown();
          if (!gate.await(30, TimeUnit.SECONDS)) {
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
