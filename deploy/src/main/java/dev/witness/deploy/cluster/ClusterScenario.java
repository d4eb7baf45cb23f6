package dev.witness.deploy.cluster;

import dev.witness.deploy.standalone.DemoPolicy;
import dev.witness.deploy.standalone.ProxyRuntime;
import dev.witness.deploy.standalone.TokenDigest;
import dev.witness.deploy.standalone.TopologyRuntime;
import dev.witness.embedded.EmbeddedKafkaCluster;
import dev.witness.embedded.EmbeddedPostgresServer;
import dev.witness.proxy.auth.ScramVerifier;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.config.SchemaRegistryConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.schemas.topic.TopicProvisioner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributed deployment in one JVM, under faults: a 3-node KRaft cluster (replication factor
 * 3, min.insync.replicas 2), the schema registry, a PostgreSQL target, two topology instances
 * sharing application ids and two PostgreSQL proxies on their own reply partitions. pgJDBC
 * clients run marked statements through both proxies while one broker and one topology instance
 * are killed (the broker is started again later); then the ledger and the target are audited.
 */
public final class ClusterScenario {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterScenario.class);
  static final String HOST = "127.0.0.1";
  static final int PARTITIONS = 6;
  static final int REPLY_PARTITIONS = 4;
  static final String AGENT = "cluster-agent";

  /**
   * How long and how hard to run.
   *
   * @param duration measured load time (after a warm-up); the faults fall at 10 % (broker), 50 %
   *     (topology) and 75 % (broker back) of it
   * @param clients concurrent pgJDBC connections, spread over both proxies
   * @param warmup load before the measured run (JIT, first schema registrations, Streams caches)
   */
  public record Options(Duration duration, int clients, Duration warmup) {

    public Options {
      if (warmup.isNegative()) {
        throw new IllegalArgumentException("--warmup: must not be negative, got " + warmup);
      }
      if (duration.toSeconds() < 40) {
        throw new IllegalArgumentException("--duration: at least 40s, got " + duration.toSeconds() + "s");
      }
      if (clients < 2) {
        throw new IllegalArgumentException("--clients: at least 2 (one per proxy), got " + clients);
      }
    }
  }

  private ClusterScenario() {}

  /** Runs the scenario in {@code workDir}, printing progress and the figures to {@code out}. */
  public static ClusterReport run(Options options, Path workDir, PrintStream out) throws Exception {
    Deque<AutoCloseable> stack = new ArrayDeque<>();
    try {
      long setupStart = System.nanoTime();
      out.println("cluster-test: starting a 3-node KRaft cluster (RF 3, min.insync.replicas 2)...");
      EmbeddedKafkaCluster kafka = push(stack, EmbeddedKafkaCluster.start(workDir.resolve("kafka"), 3));
      EmbeddedSchemaRegistry registry = push(stack, EmbeddedSchemaRegistry.start(kafka.bootstrap(), HOST, 0));
      RestSchemaRegistryClient registryClient = push(stack,
          new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(10)));
      KafkaConfig kafkaConfig = new KafkaConfig(kafka.bootstrap(), PARTITIONS, REPLY_PARTITIONS, (short) 3, null, null);
      try (Admin admin = admin(kafka.bootstrap())) {
        new TopicProvisioner(admin, kafkaConfig).provision();
      }
      EmbeddedPostgresServer target = push(stack, EmbeddedPostgresServer.start(workDir.resolve("target-pg"), 0));
      target.createDatabaseIfMissing("demo");
      execute(target, "CREATE TABLE IF NOT EXISTS cluster_probe "
          + "(marker text PRIMARY KEY, client int NOT NULL, at timestamptz NOT NULL DEFAULT now())");

      String token = TokenDigest.newToken("wag");
      AgentConfig agent = new AgentConfig(AGENT, TokenDigest.sha256Hex(token), null, ScramVerifier.create(token).text());
      WitnessConfig base = WitnessConfig.defaults()
          .withKafka(kafkaConfig)
          .withSchemaRegistry(new SchemaRegistryConfig(registry.url()))
          .withPolicy(DemoPolicy.policy())
          .withCredentials(List.of(agent), List.of());
      SigningKey signingKey = SigningKeys.generate();
      out.println("cluster-test: starting two topology instances...");
      TopologyRuntime topologyA = push(stack, TopologyRuntime.start(base, registryClient, workDir.resolve("streams-a"), signingKey));
      TopologyRuntime topologyB = TopologyRuntime.start(base, registryClient, workDir.resolve("streams-b"), signingKey);
      stack.push(topologyB);
      ProxyRuntime proxyA = push(stack, ProxyRuntime.start(proxyConfig(base, 0, target.port()), registryClient));
      ProxyRuntime proxyB = push(stack, ProxyRuntime.start(proxyConfig(base, 1, target.port()), registryClient));
      double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
      out.printf("cluster-test: ready in %.1f s: kafka %s, proxies %s and %s%n", setupSeconds, kafka.bootstrap(),
          proxyA.postgresAddress(), proxyB.postgresAddress());

      ClusterReport report = new ClusterReport(options, setupSeconds);
      try (Admin admin = admin(kafka.bootstrap())) {
        report.checkTopicDurability(TopicDurability.check(admin));
      }
      FaultRun.Outcome run = new FaultRun(options, kafka, topologyB, List.of(proxyA.postgresAddress(), proxyB.postgresAddress()),
          AGENT, token, out).execute();
      report.load(run);

      out.println("cluster-test: load stopped; waiting for the ledger to settle, then auditing it...");
      Set<String> inDatabase = markersIn(target);
      LedgerAudit.Result ledger = LedgerSettle.await(kafka.bootstrap(), PARTITIONS, registryClient, inDatabase,
          run.answeredMarkers(), Duration.ofSeconds(120), out);
      report.audit(ledger, inDatabase);
      report.print(out);
      return report;
    } finally {
      closeAll(stack);
    }
  }

  private static WitnessConfig proxyConfig(WitnessConfig base, int replyPartition, int targetPort) {
    ProxyConfig defaults = base.proxy();
    PostgresProxyConfig postgres = defaults.postgres().withListen(HOST + ":0")
        .withBackend(PostgresBackendConfig.trust(HOST, targetPort, "demo", EmbeddedPostgresServer.SUPERUSER));
    return base.withProxy(new ProxyConfig(replyPartition, defaults.verdictTimeout(), defaults.approvalHold(),
        defaults.http().withListen(HOST + ":0"), postgres));
  }

  static Admin admin(String bootstrap) {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000));
  }

  private static void execute(EmbeddedPostgresServer pg, String sql) throws SQLException {
    try (Connection c = pg.dataSource("demo").getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static Set<String> markersIn(EmbeddedPostgresServer pg) throws SQLException {
    Set<String> markers = new HashSet<>();
    try (Connection c = pg.dataSource("demo").getConnection(); Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT marker FROM cluster_probe")) {
      while (rows.next()) {
        markers.add(rows.getString(1));
      }
    }
    return markers;
  }

  private static <T extends AutoCloseable> T push(Deque<AutoCloseable> stack, T closeable) {
    stack.push(closeable);
    return closeable;
  }

  private static void closeAll(Deque<AutoCloseable> stack) {
    while (!stack.isEmpty()) {
      AutoCloseable next = stack.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("cluster-test stop failed component={} error={}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
