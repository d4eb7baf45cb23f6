package dev.witness.deploy.standalone;

import com.zaxxer.hikari.HikariDataSource;
import dev.witness.connectors.slack.SlackApprovals;
import dev.witness.deploy.demo.DemoDatabase;
import dev.witness.deploy.demo.DemoHttpApi;
import dev.witness.deploy.demo.DemoKubernetesApi;
import dev.witness.deploy.metrics.IngestMeters;
import dev.witness.deploy.role.ProcessMetrics;
import dev.witness.embedded.EmbeddedKafkaBroker;
import dev.witness.embedded.EmbeddedPostgresServer;
import dev.witness.embedded.PortCheck;
import dev.witness.evidence.store.ApplicationRole;
import dev.witness.evidence.store.StoreMigrations;
import dev.witness.proxy.http.kubernetes.AgentKubeconfig;
import dev.witness.proxy.pg.StageTimings;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.config.EvidenceConfig;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.KubernetesProxyConfig;
import dev.witness.schemas.config.PostgresBackendConfig;
import dev.witness.schemas.config.PostgresProxyConfig;
import dev.witness.schemas.config.PostgresTlsConfig;
import dev.witness.schemas.config.SchemaRegistryConfig;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.streams.policy.PolicyCheck;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything of Witness in one process: embedded broker, registry, evidence PostgreSQL, demo
 * target, topologies, evidence API and proxy, started in dependency order and stopped in reverse.
 */
public final class Standalone implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Standalone.class);
  private static final String HOST = "127.0.0.1";
  /** Where the Kubernetes listener binds in a default start (port 0 when the other ports are ephemeral). */
  static final int KUBERNETES_PORT = 16443;

  private final ShutdownStack components;
  private final DataDirectory dataDir;
  private final DemoCredentials credentials;
  private final EmbeddedKafkaBroker broker;
  private final DemoHttpApi demoApi;
  private final WitnessConfig config;
  private final ServiceEndpoints endpoints;
  private final ProxyRuntime proxy;

  private Standalone(ShutdownStack components, DataDirectory dataDir, DemoCredentials credentials,
      EmbeddedKafkaBroker broker, DemoHttpApi demoApi, WitnessConfig config, ServiceEndpoints endpoints,
      ProxyRuntime proxy) {
    this.proxy = proxy;
    this.components = components;
    this.dataDir = dataDir;
    this.credentials = credentials;
    this.broker = broker;
    this.demoApi = demoApi;
    this.config = config;
    this.endpoints = endpoints;
  }

  /**
   * Starts every component and prints the endpoint block and {@code ready} to {@code out}.
   * Ports are checked before anything starts, so a taken port fails fast and names itself.
   */
  public static Standalone start(WitnessConfig base, StandaloneOptions options, PrintStream out) {
    long started = System.nanoTime();
    // CEL conditions compile only where CEL lives; a broken one must stop start-up like any config error.
    PolicyCheck.validate(base.policy());
    requirePortsFree(options);
    if (base.proxy().kubernetes() == null) {
      check(options.httpPort() == 0 ? 0 : KUBERNETES_PORT, "the Kubernetes proxy (demo cluster)");
    }
    DataDirectory dir = DataDirectory.open(options.dataDir());
    DemoCredentials credentials = DemoCredentials.loadOrCreate(dir);
    ShutdownStack stack = new ShutdownStack();
    ExecutorService background = Executors.newFixedThreadPool(3, r -> new Thread(r, "standalone-start"));
    try {
      out.println("witness: starting (data in " + dir.root() + ")");
      // PostgreSQL start-up (initdb on first run) overlaps with the broker's.
      CompletableFuture<EmbeddedPostgresServer> evidencePgStart = CompletableFuture.supplyAsync(() -> {
        EmbeddedPostgresServer pg = stack.push("evidence-postgres", EmbeddedPostgresServer.start(dir.evidencePostgres(), 0));
        pg.createDatabaseIfMissing("witness");
        return pg;
      }, background);
      CompletableFuture<EmbeddedPostgresServer> demoPgStart = CompletableFuture.supplyAsync(() -> {
        EmbeddedPostgresServer pg = stack.push("demo-postgres", EmbeddedPostgresServer.start(dir.demoPostgres(), 0));
        pg.createDatabaseIfMissing("demo");
        DemoDatabase.initialize(pg.dataSource("demo"));
        return pg;
      }, background);

      EmbeddedKafkaBroker broker = stack.push("kafka", EmbeddedKafkaBroker.start(dir.kafka(), options.kafkaPort()));
      out.println("  kafka            " + broker.bootstrap());
      WitnessConfig kafkaReady = base.withKafka(base.kafka().withBootstrap(broker.bootstrap()));
      RegistryRuntime registry = stack.push("schema-registry",
          RegistryRuntime.start(broker.bootstrap(), HOST, options.registryPort()));
      out.println("  schema registry  " + registry.url());
      WitnessConfig withRegistry = kafkaReady.withSchemaRegistry(new SchemaRegistryConfig(registry.url()));
      TopicSetup.provision(withRegistry.kafka());

      EmbeddedPostgresServer evidencePg = join(evidencePgStart);
      EmbeddedPostgresServer demoPg = join(demoPgStart);
      out.println("  postgres         evidence and demo databases up");
      DataSource demoPool = stack.push("demo-pool",
          ConnectionPools.create("demo", demoPg.jdbcUrl("demo"), EmbeddedPostgresServer.SUPERUSER, 16));
      // the owner migrates and grants; the service's own queries run as a role that may only INSERT and SELECT
      try (HikariDataSource owner = ConnectionPools.create("evidence-owner", evidencePg.jdbcUrl("witness"),
          EmbeddedPostgresServer.SUPERUSER, 2)) {
        StoreMigrations.migrate(owner);
        ApplicationRole.grant(owner, ApplicationRole.STANDALONE_ROLE, null);
      }
      DataSource evidencePool = stack.push("evidence-pool",
          ConnectionPools.create("evidence", evidencePg.jdbcUrl("witness"), ApplicationRole.STANDALONE_ROLE, 8));
      DemoHttpApi demoApi = stack.push("demo-api",
          DemoHttpApi.start(HOST, options.demoPort(), demoPool, credentials.backendSecret()));

      WitnessConfig completed = effectiveConfig(withRegistry, options, credentials, demoApi,
          evidencePg.jdbcUrl("witness"), demoPg.port(), dir.root());
      WitnessConfig config = completed.proxy().kubernetes() != null ? completed
          : startDemoCluster(stack, completed, options, dir.root());

      SigningKey signingKey = checkpointSigningKey(config, dir);
      // One registry for the whole process, scraped at the evidence API's /metrics.
      ProcessMetrics metrics = stack.push("metrics", new ProcessMetrics("standalone"));
      Optional<SlackApprovals> slack = SlackApprovals.start(config, registry.client());
      slack.ifPresent(s -> stack.push("slack-approvals", s));
      // The evidence store migrates while the topologies join their groups.
      CompletableFuture<EvidenceRuntime> evidenceStart = CompletableFuture.supplyAsync(() -> stack.push("evidence-api",
          EvidenceRuntime.start(config, evidencePool, registry.client(), signingKey,
              slack.map(SlackApprovals::interactionHandler), app -> app.get("/metrics", ctx -> ctx
                  .contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape())))), background);
      TopologyRuntime topologies = stack.push("topologies",
          TopologyRuntime.start(config, registry.client(), dir.streamsState(), signingKey));
      topologies.applications().forEach(app -> metrics.bind(new KafkaStreamsMetrics(app)));
      out.println("  topologies       running");
      EvidenceRuntime evidence = join(evidenceStart);
      metrics.bind(new IngestMeters(evidence::ingestStatus));
      ProxyRuntime proxy = stack.push("http-proxy", ProxyRuntime.start(config, registry.client()));
      proxy.kafkaClientMetrics().forEach(metrics::bind);
      Path kubeconfig = writeKubeconfig(config, proxy, credentials, dir);

      ServiceEndpoints endpoints = new ServiceEndpoints(broker.bootstrap(), registry.url(), proxy.httpUrl(),
          proxy.postgresAddress(), evidence.url(), demoApi.url(), demoPg.jdbcUrl("demo"));
      Standalone standalone = new Standalone(stack, dir, credentials, broker, demoApi, config, endpoints, proxy);
      new ReadyBanner(out).withKubernetes(proxy.kubernetesUrl(), kubeconfig)
          .print(dir, endpoints, (System.nanoTime() - started) / 1e9);
      LOG.info("standalone ready dataDir={} startupSeconds={}", dir.root(),
          String.format("%.1f", (System.nanoTime() - started) / 1e9));
      return standalone;
    } catch (RuntimeException e) {
      background.shutdown();
      awaitQuietly(background);
      stack.close();
      throw e;
    } finally {
      background.shutdown();
    }
  }

  private static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      executor.awaitTermination(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void requirePortsFree(StandaloneOptions o) {
    check(o.kafkaPort(), "embedded Kafka");
    check(o.registryPort(), "the schema registry");
    check(o.httpPort(), "the HTTP proxy");
    check(o.postgresPort(), "the PostgreSQL proxy");
    check(o.evidencePort(), "the evidence API");
    check(o.demoPort(), "the demo HTTP API");
  }

  private static void check(int port, String purpose) {
    if (port != 0) {
      PortCheck.requireFree(HOST, port, purpose);
    }
  }

  /**
   * {@code proxy.kubernetes} toward the demo cluster: HTTPS with the standalone certificate, the
   * API server's self-signed certificate accepted because it is this process's own loopback stand-in.
   */
  static WitnessConfig withDemoCluster(WitnessConfig config, StandaloneOptions options, String apiServer,
      String clusterToken, Path dataDir) {
    SelfSignedCertificate certificate = SelfSignedCertificate.loadOrCreate(dataDir);
    int port = options.httpPort() == 0 ? 0 : KUBERNETES_PORT;
    KubernetesProxyConfig k8s = new KubernetesProxyConfig(HOST + ":" + port, DemoPolicy.DEMO_CLUSTER, apiServer,
        clusterToken, null, null, null, true, certificate.certFile().toString(), certificate.keyFile().toString());
    return config.withProxy(config.proxy().withKubernetes(k8s));
  }

  /** Starts the demo cluster with a token that lives only in this process; agents get their own token. */
  private static WitnessConfig startDemoCluster(ShutdownStack stack, WitnessConfig config, StandaloneOptions options,
      Path dataDir) {
    String clusterToken = newClusterToken();
    DemoKubernetesApi cluster = stack.push("demo-kubernetes", DemoKubernetesApi.start(HOST, clusterToken));
    return withDemoCluster(config, options, cluster.url(), clusterToken, dataDir);
  }

  private static String newClusterToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return "wkc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** {@code <data-dir>/demo-agent.kubeconfig} for the demo agent, or null without a Kubernetes listener. */
  private static Path writeKubeconfig(WitnessConfig config, ProxyRuntime proxy, DemoCredentials credentials,
      DataDirectory dir) {
    if (proxy.kubernetesUrl() == null) {
      return null;
    }
    Path file = dir.root().resolve("demo-agent.kubeconfig");
    try {
      return AgentKubeconfig.write(file, proxy.kubernetesUrl(), Path.of(config.proxy().kubernetes().certFile()),
          credentials.agentToken(), "witness");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The configuration the components run with: the user's, completed with the demo pieces. */
  static WitnessConfig effectiveConfig(WitnessConfig base, StandaloneOptions options, DemoCredentials credentials,
      DemoHttpApi demoApi, String evidenceJdbcUrl, int demoPostgresPort, Path dataDir) {
    List<HttpRoute> routes = new ArrayList<>(base.proxy().http().routes());
    if (routes.stream().noneMatch(r -> r.prefix().equals("/demo"))) {
      routes.add(DemoPolicy.route(demoApi.url(), credentials.backendSecret()));
    }
    List<AgentConfig> agents = new ArrayList<>(base.agents());
    if (agents.stream().noneMatch(a -> a.id().equals(DemoCredentials.AGENT_ID))) {
      agents.add(credentials.agent());
    }
    List<ApiUserConfig> users = new ArrayList<>(base.apiUsers());
    if (users.stream().noneMatch(u -> u.id().equals(DemoCredentials.AUDITOR_ID))) {
      users.add(credentials.auditor());
    }
    if (users.stream().noneMatch(u -> u.id().equals(DemoCredentials.APPROVER_ID))) {
      users.add(credentials.approver());
    }
    PostgresProxyConfig postgres = base.proxy().postgres().withListen(HOST + ":" + options.postgresPort());
    if (postgres.tls() == null) {
      // psql's default sslmode=prefer then encrypts the agent's connection (and its password).
      SelfSignedCertificate certificate = SelfSignedCertificate.loadOrCreate(dataDir);
      postgres = postgres.withTls(new PostgresTlsConfig(certificate.certFile().toString(),
          certificate.keyFile().toString()));
    }
    if (postgres.backend().equals(PostgresBackendConfig.defaults())) {
      // No backend configured: the demo database, which the embedded PostgreSQL serves with trust.
      postgres = postgres.withBackend(
          PostgresBackendConfig.trust(HOST, demoPostgresPort, "demo", EmbeddedPostgresServer.SUPERUSER));
    }
    WitnessConfig config = base
        .withProxy(base.proxy().withHttp(base.proxy().http().withListen(HOST + ":" + options.httpPort()).withRoutes(routes))
            .withPostgres(postgres))
        .withEvidence(base.evidence().withListen(HOST + ":" + options.evidencePort())
            .withJdbc(evidenceJdbcUrl, EmbeddedPostgresServer.SUPERUSER))
        .withStreams(base.streams())
        .withCredentials(agents, users);
    if (base.policy().rules().isEmpty()) {
      config = config.withPolicy(DemoPolicy.policy());
    }
    config = RawDataKeys.withStandaloneKeyRing(config, dataDir);
    config = withStandaloneExportKey(config, dataDir);
    return config;
  }

  /** Export manifests are signed with the configured key, or with one made once in the data dir (and its .pub). */
  private static WitnessConfig withStandaloneExportKey(WitnessConfig config, Path dataDir) {
    if (config.evidence().exportKeyFile() != null) {
      return config;
    }
    Path file = dataDir.resolve(EvidenceConfig.STANDALONE_EXPORT_KEY_FILE);
    try {
      SigningKeys.loadOrCreate(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the export signing key " + file, e);
    }
    return config.withEvidence(config.evidence().withExportKeyFile(file.toString()));
  }

  public String httpProxyUrl() {
    return endpoints.httpProxy();
  }

  public String evidenceApiUrl() {
    return endpoints.evidenceApi();
  }

  /** The agent kubeconfig standalone wrote, or null when no Kubernetes listener runs. */
  public Path kubeconfig() {
    return proxy.kubernetesUrl() == null ? null : dataDir.root().resolve("demo-agent.kubeconfig");
  }

  public String demoApiUrl() {
    return endpoints.demoApi();
  }

  /** The key checkpoints are signed with: configured, or made once in the data dir. */
  private static SigningKey checkpointSigningKey(WitnessConfig config, DataDirectory dir) {
    try {
      return SigningKeys.configured(config.streams().checkpoint(), dir.root());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the checkpoint signing key in " + dir.root(), e);
    }
  }

  /** Where the PostgreSQL proxy's statements spend their time (for {@code witness bench postgres}). */
  public StageTimings postgresStageTimings() {
    return proxy.postgresStageTimings();
  }

  /**
   * Where the HTTP proxy's exchanges (REST, MCP, OpenAI) spend their time, measured at its Kafka
   * boundary (for {@code witness bench mcp}).
   */
  public StageTimings httpStageTimings() {
    return proxy.httpStageTimings();
  }

  public ServiceEndpoints endpoints() {
    return endpoints;
  }

  public DemoCredentials credentials() {
    return credentials;
  }

  public DataDirectory dataDirectory() {
    return dataDir;
  }

  public WitnessConfig config() {
    return config;
  }

  /** The demo target (tests count the requests that reached it). */
  public DemoHttpApi demoApi() {
    return demoApi;
  }

  /** The embedded broker (fault tests stop it). */
  public EmbeddedKafkaBroker broker() {
    return broker;
  }

  @Override
  public void close() {
    components.close();
  }
}
