package dev.witness.deploy.bench;

import dev.witness.deploy.standalone.ServiceEndpoints;
import dev.witness.deploy.standalone.Standalone;
import dev.witness.deploy.standalone.StandaloneOptions;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.WitnessConfig;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness bench postgres}: pgbench select-only directly against the demo database and
 * through the Witness PostgreSQL proxy, in the same run.
 */
@Command(name = "postgres", mixinStandardHelpOptions = true,
    description = "pgbench select-only: TPS and latency p50/p99, direct vs through Witness.")
public final class PostgresBenchCommand implements Callable<Integer> {

  @Option(names = "--clients", split = ",", defaultValue = "1,8", description = "Clients per round (default: ${DEFAULT-VALUE}).")
  List<Integer> clients;

  @Option(names = "--seconds", defaultValue = "30", description = "Seconds per round (default: ${DEFAULT-VALUE}).")
  int seconds;

  @Option(names = "--warmup", defaultValue = "20", description = "Seconds of 8-client load through Witness first (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--mode", defaultValue = "prepared", description = "pgbench -M: simple, extended, prepared (default: ${DEFAULT-VALUE}).")
  String mode;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    try (ScratchDirectory scratch = ScratchDirectory.create("witness-pgbench");
        Standalone witness = Standalone.start(WitnessConfig.defaults(), StandaloneOptions.ephemeral(scratch.path().resolve("data")),
        new PrintStream(PrintStream.nullOutputStream()))) {
      Path dir = scratch.path();
      ServiceEndpoints e = witness.endpoints();
      URI demo = URI.create(e.demoDatabase().substring("jdbc:".length()));
      List<String> direct = List.of("-h", demo.getHost(), "-p", Integer.toString(demo.getPort()), "-U", "postgres");
      List<String> proxied = List.of("-h", e.postgresHost(), "-p", Integer.toString(e.postgresPort()), "-U", "demo-agent");
      Map<String, String> proxyEnv = Map.of("PGPASSWORD", witness.credentials().agentToken(),
          "PGAPPNAME", "witness:purpose=benchmark", "PGSSLMODE", "disable");
      Map<String, String> directEnv = Map.of("PGSSLMODE", "disable");

      out.println("initialising pgbench tables (scale 1) in the demo database...");
      PgBenchRun.run(concat(direct, List.of("-i", "-q", "-s", "1", "demo")), directEnv, dir.resolve("init"));
      out.printf("warming up: 8 clients through Witness for %d s...%n", warmup);
      PgBenchRun.run(concat(proxied, select(8, warmup)), proxyEnv, dir.resolve("warmup"));

      out.printf("%-8s %-8s %10s %10s %10s%n", "clients", "path", "tps", "p50 ms", "p99 ms");
      for (int n : clients) {
        PgBenchRun.Result d = round("direct", concat(direct, select(n, seconds)), directEnv, dir, n, out);
        witness.postgresStageTimings().reset();
        PgBenchRun.Result w = round("witness", concat(proxied, select(n, seconds)), proxyEnv, dir, n, out);
        out.printf("where a statement's time went through Witness at %d client(s):%n%s", n,
            witness.postgresStageTimings().summary().indent(2));
        out.printf("added latency at %d client(s): p50 %+.2f ms, p99 %+.2f ms; tps ratio %.3f%n%n", n,
            w.latencies().percentileMillis(50) - d.latencies().percentileMillis(50),
            w.latencies().percentileMillis(99) - d.latencies().percentileMillis(99), w.tps() / d.tps());
      }
    }
    return 0;
  }

  private List<String> select(int n, int secs) {
    return List.of("-n", "-S", "-M", mode, "-c", Integer.toString(n), "-j", Integer.toString(n),
        "-T", Integer.toString(secs), "demo");
  }

  private static PgBenchRun.Result round(String label, List<String> args, Map<String, String> env, Path dir, int n,
      PrintStream out) throws Exception {
    PgBenchRun.Result r = PgBenchRun.run(args, env, dir.resolve(label + "-" + n));
    out.printf("%-8d %-8s %10.0f %10.2f %10.2f%n", n, label, r.tps(),
        r.latencies().percentileMillis(50), r.latencies().percentileMillis(99));
    return r;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
