package dev.witness.deploy.bench;

import dev.witness.deploy.standalone.Standalone;
import dev.witness.deploy.standalone.StandaloneOptions;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.WitnessConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness bench http}: added latency of the HTTP proxy. Starts a private standalone on
 * free ports, then loads the demo API directly and through Witness in the same run.
 */
@Command(name = "http", mixinStandardHelpOptions = true,
    description = "Added latency (p50/p99) of the HTTP proxy against the demo API called directly.")
public final class HttpBenchCommand implements Callable<Integer> {

  @Option(names = "--clients", split = ",", defaultValue = "1,16", description = "Concurrent clients per round (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--seconds", defaultValue = "20", description = "Measured seconds per round (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "30",
      description = "Seconds of 8-client load through Witness before measuring, so the JIT has compiled the hot paths (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--settle", defaultValue = "2", description = "Unmeasured seconds at the start of each round (default: ${DEFAULT-VALUE}).")
  int settle;

  @Option(names = "--path", defaultValue = "/customers/1", description = "Demo API path to request (default: ${DEFAULT-VALUE}).")
  String path;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    long t0 = System.nanoTime();
    try (ScratchDirectory scratch = ScratchDirectory.create("witness-bench");
        Standalone witness = Standalone.start(WitnessConfig.defaults(), StandaloneOptions.ephemeral(scratch.path()),
            new PrintStream(PrintStream.nullOutputStream()))) {
      Path dir = scratch.path();
      out.printf("standalone started in %.1f s (data in %s)%n", (System.nanoTime() - t0) / 1e9, dir);
      String direct = witness.demoApiUrl() + path;
      String proxied = witness.httpProxyUrl() + "/demo" + path;
      Map<String, String> directHeaders = Map.of("Authorization", "Bearer " + witness.credentials().backendSecret());
      Map<String, String> proxyHeaders = Map.of("Authorization", "Bearer " + witness.credentials().agentToken(),
          "X-Witness-Purpose", "benchmark");
      out.printf("warming up: 8 clients through Witness and directly for %d s...%n", warmup);
      HttpLoad.run(proxied, proxyHeaders, 8, Duration.ZERO, Duration.ofSeconds(Math.max(1, warmup * 3 / 4)));
      HttpLoad.run(direct, directHeaders, 8, Duration.ZERO, Duration.ofSeconds(Math.max(1, warmup / 4)));
      out.printf("%-8s %-8s %10s %10s %10s %8s%n", "clients", "path", "req/s", "p50 ms", "p99 ms", "errors");
      for (int n : clients) {
        Result d = round("direct", direct, directHeaders, n, out);
        Result p = round("witness", proxied, proxyHeaders, n, out);
        out.printf("added latency at %d client(s): p50 %+.2f ms, p99 %+.2f ms; throughput ratio %.2f%n%n",
            n, p.p50 - d.p50, p.p99 - d.p99, p.rps / d.rps);
      }
    }
    return 0;
  }

  private Result round(String label, String url, Map<String, String> headers, int n, PrintStream out) throws Exception {
    out.printf("  running %s with %d client(s) for %d s...%n", label, n, seconds);
    LatencyRecorder r = HttpLoad.run(url, headers, n, Duration.ofSeconds(settle), Duration.ofSeconds(seconds));
    Result result = new Result(r.count() / (double) seconds, r.percentileMillis(50), r.percentileMillis(99));
    out.printf("%-8d %-8s %10.0f %10.2f %10.2f %8d%n", n, label, result.rps, result.p50, result.p99, r.errors());
    return result;
  }

  private record Result(double rps, double p50, double p99) {}
}
