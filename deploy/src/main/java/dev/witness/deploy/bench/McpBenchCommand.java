package dev.witness.deploy.bench;

import dev.witness.deploy.standalone.Standalone;
import dev.witness.deploy.standalone.StandaloneOptions;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.WitnessConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness bench mcp}: added latency of an MCP {@code tools/call} round trip through the
 * {@code mcp} route, and added time to the first SSE byte of a streamed chat completion through the
 * {@code openai} route, each against the same local upstream called directly (one client, closed loop).
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = "Added latency of MCP tools/call and of the first SSE byte of a streamed model response.")
public final class McpBenchCommand implements Callable<Integer> {

  @Option(names = "--requests", defaultValue = "2000", description = "Measured requests per target (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "1000",
      description = "Unmeasured tools/call through Witness first, at least (default: ${DEFAULT-VALUE}); the warm-up goes on "
          + "in rounds of 500 until the JIT compiles less than 5 %% of a round's time, or --warmup-limit.")
  int warmup;

  @Option(names = "--streams", description = "Measured streamed completions per target (default: a quarter of --requests, "
      + "at least 50; each stream lasts about 60 ms upstream).")
  Integer streams;

  @Option(names = "--warmup-limit", defaultValue = "120s", converter = dev.witness.deploy.cluster.ClusterTestCommand.SecondsConverter.class,
      description = "Longest warm-up (default: ${DEFAULT-VALUE}).")
  Duration warmupLimit;

  private static final int WARMUP_ROUND = 500;
  private static final int WARMUP_STREAMS = 25;
  private static final double SETTLED_COMPILE_SHARE = 0.05;

  private static final String CALL = "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"tools/call\","
      + "\"params\":{\"name\":\"lookup_customer\",\"arguments\":{\"id\":42}}}";
  private static final String CHAT = "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    // The standalone's data (two PostgreSQL clusters, the broker's log) is only this run's.
    try (ScratchDirectory scratch = ScratchDirectory.create("witness-bench-mcp");
        BenchUpstream upstream = new BenchUpstream()) {
      Path dir = scratch.path();
      WitnessConfig defaults = WitnessConfig.defaults();
      List<HttpRoute> routes = new ArrayList<>(defaults.proxy().http().routes());
      routes.add(new HttpRoute("/mcp/bench", "mcp:bench", upstream.url() + "/mcp", true, null, "mcp"));
      routes.add(new HttpRoute("/openai-bench/v1", "openai:bench", upstream.url() + "/v1", true, null, "openai"));
      WitnessConfig config = defaults.withProxy(defaults.proxy().withHttp(defaults.proxy().http().withRoutes(routes)));
      long t0 = System.nanoTime();
      try (Standalone witness = Standalone.start(config, StandaloneOptions.ephemeral(dir), new PrintStream(PrintStream.nullOutputStream()))) {
        out.printf("standalone started in %.1f s (data in %s); load average: %s%n%s%n", (System.nanoTime() - t0) / 1e9, dir,
            loadAverage(), CpuIdleSetting.current().describe());
        Map<String, String> agent = Map.of("Authorization", "Bearer " + witness.credentials().agentToken(),
            "X-Witness-Purpose", "benchmark", "Mcp-Session-Id", "bench-session");
        Map<String, String> none = Map.of("Mcp-Session-Id", "bench-session");
        String mcpDirect = upstream.url() + "/mcp";
        String mcpWitness = witness.httpProxyUrl() + "/mcp/bench";
        String chatDirect = upstream.url() + "/v1/chat/completions";
        String chatWitness = witness.httpProxyUrl() + "/openai-bench/v1/chat/completions";
        out.printf("warming up: rounds of %d tools/call and %d streamed completions through Witness until the JIT has "
            + "settled...%n", WARMUP_ROUND, WARMUP_STREAMS);
        JitWarmUp.Outcome warmed = new JitWarmUp(Math.max(1, warmup / WARMUP_ROUND), SETTLED_COMPILE_SHARE, warmupLimit)
            .run(() -> {
              measure(mcpWitness, agent, true, WARMUP_ROUND);
              measure(chatWitness, agent, false, WARMUP_STREAMS);
            });
        out.printf("warmed up: %s; load average: %s%n", warmed.describe(), loadAverage());
        out.printf("%-34s %8s %9s %9s %9s %7s%n", "target", "n", "p50 ms", "p90 ms", "p99 ms", "errors");
        LatencyRecorder d = report(out, "MCP tools/call direct", measure(mcpDirect, none, true, requests));
        witness.httpStageTimings().reset();
        long cpuBefore = processCpuNanos();
        long wallBefore = System.nanoTime();
        ThreadCpu threads = ThreadCpu.start();
        LatencyRecorder w = report(out, "MCP tools/call through Witness", measure(mcpWitness, agent, true, requests));
        cpu(out, processCpuNanos() - cpuBefore, System.nanoTime() - wallBefore, requests);
        out.print(threads.top(14, requests).indent(2));
        stages(out, "a tools/call", witness);
        added(out, "MCP tools/call round trip", d, w);
        int streams = this.streams != null ? Math.max(1, this.streams) : Math.max(50, requests / 4);
        LatencyRecorder sd = report(out, "first SSE byte direct", measure(chatDirect, none, false, streams));
        witness.httpStageTimings().reset();
        LatencyRecorder sw = report(out, "first SSE byte through Witness", measure(chatWitness, agent, false, streams));
        stages(out, "a streamed completion", witness);
        added(out, "time to first SSE byte", sd, sw);
        out.printf("load average now: %s%n", loadAverage());
      }
    }
    return 0;
  }

  /**
   * Closed loop, one client on one keep-alive connection: tools/call (whole answer) or streamed
   * chat (time to the first body byte, then the rest of the stream).
   */
  private static LatencyRecorder measure(String url, Map<String, String> headers, boolean mcp, int n) {
    LatencyRecorder recorder = new LatencyRecorder();
    URI target = URI.create(url);
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    all.put("Accept", mcp ? "application/json, text/event-stream" : "text/event-stream");
    try (BlockingHttpConnection http = new BlockingHttpConnection(target, 30_000)) {
      for (int i = 0; i < n; i++) {
        byte[] body = (mcp ? CALL.formatted(i + 1) : CHAT).getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        try {
          BlockingHttpConnection.Response r = http.post(target.getRawPath(), all, body);
          long end = mcp ? System.nanoTime() : r.firstBodyByteNanos();
          if (r.status() == 200 && end > 0) {
            recorder.record(end - start);
          } else {
            recorder.error();
          }
        } catch (IOException | RuntimeException e) {
          recorder.error();
        }
      }
    }
    return recorder;
  }

  /**
   * The proxy's stage figures: REQUEST_RECORDED publish to acks=all, VERDICT ack to verdict read,
   * BACKEND verdict read to first raw chunk published (event-loop hand-off, forward, upstream answer),
   * MASKED_CHUNK raw chunk published to masked chunk read (every chunk of a stream, not only the first).
   */
  private static void stages(PrintStream out, String what, Standalone witness) {
    out.printf("where %s's time went through Witness (REQUEST_RECORDED: publish->acks=all, VERDICT: ack->verdict read,%n"
        + "  BACKEND: verdict read->first raw chunk published, MASKED_CHUNK: raw chunk published->masked chunk read):%n%s",
        what, witness.httpStageTimings().summary().indent(2));
  }

  /**
   * CPU this JVM (client, proxy, broker, every topology, evidence API; not PostgreSQL) spent per
   * request while Witness was measured: on a small machine, the background pipelines' share of it
   * is CPU the request path waits for.
   */
  private static void cpu(PrintStream out, long cpuNanos, long wallNanos, int requests) {
    if (cpuNanos < 0) {
      return;
    }
    out.printf("JVM CPU while measured: %.2f ms per request, %.2f cores busy on average (of %d)%n",
        cpuNanos / 1e6 / Math.max(1, requests), (double) cpuNanos / Math.max(1, wallNanos),
        Runtime.getRuntime().availableProcessors());
  }

  private static long processCpuNanos() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : -1;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException | RuntimeException e) {
      return String.format(java.util.Locale.ROOT, "%.2f",
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static LatencyRecorder report(PrintStream out, String label, LatencyRecorder r) {
    out.printf("%-34s %8d %9.2f %9.2f %9.2f %7d%n", label, r.count(), r.percentileMillis(50), r.percentileMillis(90),
        r.percentileMillis(99), r.errors());
    return r;
  }

  private static void added(PrintStream out, String what, LatencyRecorder direct, LatencyRecorder witness) {
    out.printf("added %s: p50 %+.2f ms, p90 %+.2f ms, p99 %+.2f ms; p50 ratio %.2fx%n%n", what,
        witness.percentileMillis(50) - direct.percentileMillis(50), witness.percentileMillis(90) - direct.percentileMillis(90),
        witness.percentileMillis(99) - direct.percentileMillis(99), witness.percentileMillis(50) / direct.percentileMillis(50));
  }
}
