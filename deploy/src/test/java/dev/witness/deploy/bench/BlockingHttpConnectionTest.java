package dev.witness.deploy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BlockingHttpConnectionTest {

  private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");

  @Test
  void keepsOneConnectionForFixedLengthAnswers() throws Exception {
    try (BenchUpstream upstream = new BenchUpstream();
        BlockingHttpConnection http = new BlockingHttpConnection(URI.create(upstream.url()), 5_000)) {
      for (int id = 1; id <= 3; id++) {
        BlockingHttpConnection.Response r = http.post("/mcp", JSON, call(id));

        assertThat(r.status()).isEqualTo(200);
        assertThat(text(r)).startsWith("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",").contains("customer 42");
        assertThat(r.firstBodyByteNanos()).isPositive();
      }
    }
  }

  @Test
  void readsAChunkedStreamToItsEndAndTimesItsFirstByte() throws Exception {
    try (BenchUpstream upstream = new BenchUpstream();
        BlockingHttpConnection http = new BlockingHttpConnection(URI.create(upstream.url()), 5_000)) {
      long start = System.nanoTime();
      BlockingHttpConnection.Response stream = http.post("/v1/chat/completions", JSON, "{}".getBytes(StandardCharsets.UTF_8));
      long end = System.nanoTime();

      assertThat(text(stream)).startsWith("data: ").contains("Hello", " world").endsWith("data: [DONE]\n\n");
      // The upstream sends its first event at once and the rest 20 ms later.
      assertThat(stream.firstBodyByteNanos()).isBetween(start, end - 15_000_000L);
      assertThat(text(http.post("/mcp", JSON, call(7)))).contains("\"id\":7");
    }
  }

  @Test
  void reconnectsAfterAnAnswerThatClosedTheConnection() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket server = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        while (!server.isClosed()) {
          try (Socket s = server.accept()) {
            connections.incrementAndGet();
            s.getInputStream().read(new byte[4096]);
            s.getOutputStream().write("HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nbye".getBytes(StandardCharsets.US_ASCII));
          } catch (IOException e) {
            return;
          }
        }
      });
      try (BlockingHttpConnection http = new BlockingHttpConnection(
          URI.create("http://127.0.0.1:" + server.getLocalPort()), 5_000)) {
        assertThat(text(http.post("/", Map.of(), new byte[0]))).isEqualTo("bye");
        assertThat(text(http.post("/", Map.of(), new byte[0]))).isEqualTo("bye");
      }
    }
    assertThat(connections).hasValue(2);
  }

  @Test
  void aServerThatIsNotHttpIsAnError() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 8, java.net.InetAddress.getLoopbackAddress())) {
      Thread.ofVirtual().start(() -> {
        try (Socket s = server.accept()) {
          s.getInputStream().read(new byte[4096]);
          s.getOutputStream().write("SSH-2.0-OpenSSH\r\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException ignored) {
          // the test fails on the client side if this does not happen
        }
      });
      try (BlockingHttpConnection http = new BlockingHttpConnection(
          URI.create("http://127.0.0.1:" + server.getLocalPort()), 5_000)) {
        assertThatThrownBy(() -> http.post("/", Map.of(), new byte[0]))
            .isInstanceOf(IOException.class).hasMessageContaining("not an HTTP/1.x status line");
      }
    }
  }

  private static byte[] call(int id) {
    return ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static String text(BlockingHttpConnection.Response r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }
}
