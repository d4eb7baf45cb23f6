package dev.witness.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka (KRaft, combined broker and controller) running in this JVM. Storage is
 * formatted on first start and reused afterwards, so topics survive a restart on the same
 * directory.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;

  private final KafkaRaftServer server;
  private final String bootstrap;
  private final Path logDir;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrap, Path logDir) {
    this.server = server;
    this.bootstrap = bootstrap;
    this.logDir = logDir;
  }

  /**
   * Formats {@code logDir} if needed and starts the broker.
   *
   * @param port the client port on 127.0.0.1, 0 for any free one
   */
  public static EmbeddedKafkaBroker start(Path logDir, int port) {
    int clientPort = port == 0 ? FreePorts.findBindable("embedded Kafka") : port;
    PortCheck.requireFree("127.0.0.1", clientPort, "embedded Kafka");
    int controllerPort = FreePorts.findBindable("the embedded Kafka controller");
    Properties props = brokerProperties(logDir, clientPort, controllerPort);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    format(config, logDir);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + clientPort;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, bootstrap, logDir);
    broker.awaitReady(Duration.ofSeconds(60));
    LOG.info("embedded kafka started bootstrap={} logDir={}", bootstrap, logDir);
    return broker;
  }

  private static Properties brokerProperties(Path logDir, int clientPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toAbsolutePath().toString());
    p.put("num.partitions", "1");
    // Witness records request bodies up to 7 MiB; internal Streams topics inherit the broker limit.
    p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
    p.put("replica.fetch.max.bytes", String.valueOf(8 * 1024 * 1024));
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    // Streams apps in one JVM join and leave often; keep rebalances quick.
    p.put("group.consumer.session.timeout.ms", "45000");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }

  private static void format(KafkaConfig config, Path logDir) {
    try {
      Files.createDirectories(logDir);
      if (Files.exists(logDir.resolve("meta.properties"))) {
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new Formatter()
          .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(List.of(logDir.toAbsolutePath().toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setIgnoreFormatted(true)
          .run();
      LOG.info("embedded kafka storage formatted logDir={}", logDir);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format Kafka storage in " + logDir + ": " + e.getMessage(), e);
    }
  }

  private void awaitReady(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception e) {
        last = e;
      }
    }
    close();
    throw new IllegalStateException("Embedded Kafka did not become ready in " + timeout, last);
  }

  /** The bootstrap servers string, {@code 127.0.0.1:port}. */
  public String bootstrap() {
    return bootstrap;
  }

  public Path logDir() {
    return logDir;
  }

  @Override
  public void close() {
    // Fault tests stop the broker before the standalone around it closes it again.
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    LOG.info("embedded kafka stopped bootstrap={}", bootstrap);
  }
}
