package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.pg.message.AuthenticationMessages;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import dev.witness.proxy.pg.message.PgWire;
import dev.witness.proxy.pg.message.SimpleQueryMessages.Query;
import dev.witness.proxy.pg.message.StartupMessages;
import dev.witness.proxy.pg.message.StartupMessages.StartupMessage;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bounded memory end to end: an agent that stops reading a ~100 MB result stops the proxy from
 * reading the backend, so only a bounded number of chunks is recorded while it pauses; once it
 * reads again every row arrives. Real broker, registry and PostgreSQL; a raw socket as the agent.
 */
class PostgresProxyBackPressureIT {

  private static final int ROWS = 100_000;
  private static final int ROW_BYTES = 1000;

  @AutoClose
  private static PgProxyFixture fx;

  @BeforeAll
  static void start() {
    fx = PgProxyFixture.start("pg_backpressure");
  }

  @Test
  void aPausedAgentStopsTheResultAtABoundedNumberOfChunksAndThenGetsEveryRow() throws Exception {
    String sql = "select g, repeat('x', " + ROW_BYTES + ") from generate_series(1, " + ROWS + ") g";
    int chunkRows = Math.min(PgProxyFixture.ROWS_PER_CHUNK, 64 * 1024 / (ROW_BYTES + 20));
    int totalChunks = ROWS / chunkRows;
    try (Socket socket = new Socket()) {
      // A small receive buffer, so the pause is felt at once rather than after the kernel's buffers fill.
      socket.setReceiveBufferSize(64 * 1024);
      socket.connect(new InetSocketAddress("127.0.0.1", fx.port()));
      socket.setSoTimeout(60_000);
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
      ByteBuf out = Unpooled.buffer();
      PgMessageEncoder.write(new StartupMessage(StartupMessages.PROTOCOL_3_0,
          Map.of("user", PgProxyFixture.AGENT, "database", fx.database)), out);
      PgMessageEncoder.write(AuthenticationMessages.password(PgProxyFixture.TOKEN), out);
      socket.getOutputStream().write(PgWire.rest(out));
      readUntilReady(in);

      ByteBuf query = Unpooled.buffer();
      PgMessageEncoder.write(new Query(sql), query);
      socket.getOutputStream().write(PgWire.rest(query));

      // The agent does not read: chunks are recorded until the socket buffers fill, then no more.
      int paused = stableChunkCount(sql);
      Thread.sleep(2000);
      int later = recordedChunks(sql);
      System.out.printf("back-pressure: %d of ~%d chunks recorded while the agent paused (%d in flight max)%n",
          paused, totalChunks, PgResultRelay.MAX_CHUNKS_IN_FLIGHT);
      assertThat(later).as("nothing more is read from the backend while the agent pauses").isEqualTo(paused);
      assertThat(paused).as("only what fits the socket buffers plus the chunks in flight")
          .isPositive().isLessThan(totalChunks / 10);

      long started = System.nanoTime();
      Outcome outcome = readUntilReady(in);
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("back-pressure: %d rows (%d MB) relayed in %.1f s after the pause%n",
          outcome.rows, outcome.bytes >> 20, seconds);
      assertThat(outcome.rows).isEqualTo(ROWS);
      assertThat(outcome.tag).isEqualTo("SELECT " + ROWS);
      // Every row was recorded too: the result's chunks are all on the raw topic, the last one marked.
      int recorded = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .until(() -> recordedChunks(sql), n -> n > totalChunks * 9 / 10 && lastRecorded(sql));
      assertThat(recorded).isGreaterThan(paused * 10);
    }
  }

  private record Outcome(int rows, long bytes, String tag) {}

  /** Reads messages up to ReadyForQuery, counting DataRows without keeping them. */
  private static Outcome readUntilReady(DataInputStream in) throws IOException {
    int rows = 0;
    long bytes = 0;
    String tag = null;
    while (true) {
      byte type = in.readByte();
      int length = in.readInt();
      bytes += length + 1;
      switch (type) {
        case 'D' -> {
          rows++;
          in.skipNBytes(length - 4);
        }
        case 'C' -> {
          byte[] body = in.readNBytes(length - 4);
          tag = new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
        }
        case 'E' -> throw new AssertionError("error from the proxy: "
            + new String(in.readNBytes(length - 4), StandardCharsets.UTF_8));
        case 'Z' -> {
          in.skipNBytes(length - 4);
          return new Outcome(rows, bytes, tag);
        }
        default -> in.skipNBytes(length - 4);
      }
    }
  }

  /** Waits until the number of recorded chunks of {@code sql} stops growing, and returns it. */
  private static int stableChunkCount(String sql) throws InterruptedException {
    int last = -1;
    for (int i = 0; i < 60; i++) {
      Thread.sleep(500);
      int now = recordedChunks(sql);
      if (now > 0 && now == last) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("recorded chunks never stopped growing while the agent paused: " + last);
  }

  private static boolean lastRecorded(String sql) {
    RequestIntercepted request = requestOf(sql);
    return request != null && fx.responder.chunks.stream()
        .anyMatch(c -> c.getRequestId().equals(request.getRequestId()) && c.getLast());
  }

  private static RequestIntercepted requestOf(String sql) {
    return fx.responder.requests.stream()
        .filter(r -> r.getBody() instanceof SqlRequest s && s.getStatement().equals(sql)).findFirst().orElse(null);
  }

  private static int recordedChunks(String sql) {
    RequestIntercepted request = requestOf(sql);
    if (request == null) {
      return 0;
    }
    return (int) fx.responder.chunks.stream().filter(c -> c.getRequestId().equals(request.getRequestId())).count();
  }
}
