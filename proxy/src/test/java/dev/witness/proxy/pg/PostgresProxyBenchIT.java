package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.embedded.ScratchDirectory;
import dev.witness.embedded.SharedPostgres;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Opt-in benchmark ({@code WITNESS_PG_BENCH=<seconds>}): pgbench select-only, 1 and 8 clients,
 * directly, through the proxy with in-memory publishing (its own cost) and through Witness (real
 * broker and registry; the test responder stands in for the topologies). Prints TPS and latency
 * p50/p99 of each, the latency Witness adds and where it goes ({@link StageTimings}: recording the
 * statement, waiting for the verdict, the backend, waiting for the masked chunk).
 */
@EnabledIfEnvironmentVariable(named = "WITNESS_PG_BENCH", matches = "\\d+")
class PostgresProxyBenchIT {

  @Test
  void selectOnlyDirectVersusThroughWitness() throws Exception {
    int seconds = Integer.parseInt(System.getenv("WITNESS_PG_BENCH"));
    try (PgProxyFixture fx = PgProxyFixture.start("pg_bench"); InMemoryTopologies memory = new InMemoryTopologies();
        PostgresProxyListener inMemory = PostgresProxyListener.start(
            new ProxyConfig(0, Duration.ofSeconds(5), null, new PostgresProxyConfig("127.0.0.1:0", null,
                PostgresBackendConfig.trust("127.0.0.1", SharedPostgres.server().port(), fx.database, "postgres"),
                null, null, null)),
            new AgentAuthenticator(List.of(new AgentConfig(PgProxyFixture.AGENT,
                AgentAuthenticator.sha256Hex(PgProxyFixture.TOKEN), null))), memory, memory.replies)) {
      int direct = SharedPostgres.server().port();
      assertThat(pgbench(direct, "postgres", "", fx.database, List.of("-i", "-s", "1", "-q")).exit).isZero();
      try (java.sql.Connection c = fx.connect(); java.sql.Statement st = c.createStatement()) {
        st.execute("create table bench_batch (id int, label text)");
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into bench_batch values (?, ?)")) {
          for (int i = 0; i < 1000; i++) {
            ps.setInt(1, i);
            ps.setString(2, "row-" + i);
            ps.addBatch();
          }
          fx.proxy.stageTimings().reset();
          long started = System.nanoTime();
          ps.executeBatch();
          System.out.printf("pgJDBC executeBatch of 1000 inserts through witness: %d ms%n%s",
              (System.nanoTime() - started) / 1_000_000, fx.proxy.stageTimings().summary());
        }
      }
      for (int clients : new int[] {1, 8}) {
        Run d = bench(direct, "postgres", "", fx.database, clients, seconds);
        Run m = bench(inMemory.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN, fx.database, clients, seconds);
        fx.proxy.stageTimings().reset();
        Run w = bench(fx.port(), PgProxyFixture.AGENT, PgProxyFixture.TOKEN, fx.database, clients, seconds);
        System.out.printf("where the time of a statement through witness goes (clients=%d):%n%s", clients,
            fx.proxy.stageTimings().summary());
        System.out.printf("pgbench -S -M prepared clients=%d %ds: direct tps=%.0f p50=%.2fms p99=%.2fms | "
            + "proxy without Kafka tps=%.0f p50=%.2fms p99=%.2fms | witness tps=%.0f p50=%.2fms p99=%.2fms | "
            + "added p50=%.2fms p99=%.2fms%n", clients, seconds, d.tps, d.p50, d.p99, m.tps, m.p50, m.p99,
            w.tps, w.p50, w.p99, w.p50 - d.p50, w.p99 - d.p99);
      }
    }
  }

  private record Run(double tps, double p50, double p99) {}

  private record Exec(int exit, String out) {}

  private static Run bench(int port, String user, String password, String db, int clients, int seconds)
      throws Exception {
    Path dir = ScratchDirectory.deletedOnExit("pgbench-log");
    Exec e = pgbench(port, user, password, db, List.of("-S", "-M", "prepared", "-c", "" + clients, "-j",
        "" + Math.min(clients, 2), "-T", "" + seconds, "-l", "--log-prefix=" + dir.resolve("tx")));
    assertThat(e.exit).as(e.out).isZero();
    Matcher m = Pattern.compile("tps = ([\\d.]+)").matcher(e.out);
    assertThat(m.find()).as(e.out).isTrue();
    List<Long> latencies = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        for (String line : Files.readAllLines(f)) {
          latencies.add(Long.parseLong(line.split(" ")[2]));
        }
      }
    }
    latencies.sort(null);
    return new Run(Double.parseDouble(m.group(1)), latencies.get(latencies.size() / 2) / 1000.0,
        latencies.get((int) (latencies.size() * 0.99)) / 1000.0);
  }

  private static Exec pgbench(int port, String user, String password, String db, List<String> args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/pgbench", "-h", "127.0.0.1", "-p", "" + port, "-U", user));
    cmd.addAll(args);
    cmd.add(db);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", password);
    pb.directory(ScratchDirectory.deletedOnExit("pgbench").toFile());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(300, TimeUnit.SECONDS);
    return new Exec(p.exitValue(), out);
  }
}
