package dev.witness.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * A Kafka cluster of several KRaft nodes in this JVM, each a combined broker and controller and
 * each a voter of the controller quorum, for fault tests. Topics default to replication factor
 * {@code min(3, nodes)} and {@code min.insync.replicas} {@code min(2, nodes)}; so do the offsets
 * and transaction logs. A node can be stopped and started again on its own ports and log
 * directory. Stopping skips the controlled shutdown (no leadership hand-over), so the rest of the
 * cluster sees it as a crash: leaders move only once the controller fences the node.
 */
public final class EmbeddedKafkaCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaCluster.class);
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

  private final String clusterId;
  private final List<Node> nodes;
  private final String voters;

  private static final class Node {
    final int id;
    final int clientPort;
    final int controllerPort;
    final Path logDir;
    KafkaRaftServer server;

    Node(int id, int clientPort, int controllerPort, Path logDir) {
      this.id = id;
      this.clientPort = clientPort;
      this.controllerPort = controllerPort;
      this.logDir = logDir;
    }
  }

  private EmbeddedKafkaCluster(String clusterId, List<Node> nodes) {
    this.clusterId = clusterId;
    this.nodes = nodes;
    this.voters = nodes.stream().map(n -> n.id + "@127.0.0.1:" + n.controllerPort).collect(Collectors.joining(","));
  }

  /**
   * Formats {@code nodeCount} log directories under {@code baseDir} ({@code node-1}, ...) and
   * starts every node; returns once the cluster answers with all nodes registered.
   */
  public static EmbeddedKafkaCluster start(Path baseDir, int nodeCount) {
    if (nodeCount < 1) {
      throw new IllegalArgumentException("nodeCount: must be at least 1, got " + nodeCount);
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      nodes.add(new Node(i, FreePorts.find(), FreePorts.find(), baseDir.resolve("node-" + i)));
    }
    EmbeddedKafkaCluster cluster = new EmbeddedKafkaCluster(Uuid.randomUuid().toString(), nodes);
    try {
      // A combined node's start-up waits for the quorum, which needs a majority: start them together.
      // Own threads: the common pool may have a single worker on a small machine.
      inParallel(nodes, cluster::startNode);
      cluster.awaitBrokers(nodeCount, READY_TIMEOUT);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    LOG.info("embedded kafka cluster started nodes={} bootstrap={}", nodeCount, cluster.bootstrap());
    return cluster;
  }

  /** Bootstrap servers of every node, {@code 127.0.0.1:p1,127.0.0.1:p2,...}. */
  public String bootstrap() {
    return nodes.stream().map(n -> "127.0.0.1:" + n.clientPort).collect(Collectors.joining(","));
  }

  /** Number of nodes, running or not. */
  public int size() {
    return nodes.size();
  }

  /** The client address of node {@code nodeId} (1-based). */
  public String address(int nodeId) {
    return "127.0.0.1:" + node(nodeId).clientPort;
  }

  /** Whether node {@code nodeId} runs. */
  public synchronized boolean isRunning(int nodeId) {
    return node(nodeId).server != null;
  }

  /** Stops node {@code nodeId} without a controlled shutdown, as a crash would look to the others. */
  public void stop(int nodeId) {
    Node node = node(nodeId);
    KafkaRaftServer server;
    synchronized (this) {
      server = node.server;
      node.server = null;
    }
    if (server == null) {
      return;
    }
    server.shutdown();
    server.awaitShutdown();
    LOG.info("embedded kafka node stopped node={} port={}", nodeId, node.clientPort);
  }

  /** Starts a stopped node {@code nodeId} again on its ports and log directory. */
  public void restart(int nodeId) {
    Node node = node(nodeId);
    if (isRunning(nodeId)) {
      return;
    }
    startNode(node);
    LOG.info("embedded kafka node restarted node={} port={}", nodeId, node.clientPort);
  }

  private Node node(int nodeId) {
    if (nodeId < 1 || nodeId > nodes.size()) {
      throw new IllegalArgumentException("nodeId: must be 1.." + nodes.size() + ", got " + nodeId);
    }
    return nodes.get(nodeId - 1);
  }

  private void startNode(Node node) {
    KafkaConfig config = KafkaConfig.fromProps(properties(node), false);
    format(config, node);
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    synchronized (this) {
      node.server = server;
    }
  }

  private Properties properties(Node node) {
    int n = nodes.size();
    String replicas = String.valueOf(Math.min(3, n));
    String minIsr = String.valueOf(Math.min(2, n));
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(node.id));
    p.put("controller.quorum.voters", voters);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + node.clientPort + ",CONTROLLER://127.0.0.1:" + node.controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + node.clientPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", node.logDir.toAbsolutePath().toString());
    p.put("num.partitions", "3");
    p.put("default.replication.factor", replicas);
    p.put("min.insync.replicas", minIsr);
    p.put("message.max.bytes", String.valueOf(8 * 1024 * 1024));
    p.put("replica.fetch.max.bytes", String.valueOf(8 * 1024 * 1024));
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", replicas);
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", replicas);
    p.put("transaction.state.log.min.isr", minIsr);
    p.put("transaction.state.log.num.partitions", "5");
    p.put("share.coordinator.state.topic.replication.factor", replicas);
    p.put("share.coordinator.state.topic.min.isr", minIsr);
    p.put("group.initial.rebalance.delay.ms", "0");
    // A stop is a crash to the others: no leadership hand-over, the controller fences the node
    // after broker.session.timeout.ms (Kafka's default, 9 s) and only then moves its leaders.
    p.put("controlled.shutdown.enable", "false");
    p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
    return p;
  }

  private void format(KafkaConfig config, Node node) {
    try {
      Files.createDirectories(node.logDir);
      if (Files.exists(node.logDir.resolve("meta.properties"))) {
        return;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      new Formatter()
          .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
          .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
          .setClusterId(clusterId)
          .setNodeId(node.id)
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(List.of(node.logDir.toAbsolutePath().toString()))
          .setReleaseVersion(MetadataVersion.latestProduction())
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot format Kafka storage in " + node.logDir + ": " + e.getMessage(), e);
    }
  }

  /** Waits until {@code count} brokers are registered and unfenced. */
  public void awaitBrokers(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try (Admin admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
        int seen = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
        if (seen >= count) {
          return;
        }
        last = new IllegalStateException(seen + " of " + count + " brokers registered");
      } catch (Exception e) {
        last = e;
      }
      sleep(200);
    }
    throw new IllegalStateException("Embedded Kafka cluster did not have " + count + " brokers within " + timeout, last);
  }

  private static void inParallel(List<Node> nodes, java.util.function.Consumer<Node> action) {
    List<CompletableFuture<Void>> done = new ArrayList<>();
    for (Node node : nodes) {
      CompletableFuture<Void> f = new CompletableFuture<>();
      Thread t = new Thread(() -> {
        try {
          action.accept(node);
          f.complete(null);
        } catch (Throwable e) {
          f.completeExceptionally(e);
        }
      }, "embedded-kafka-node-" + node.id);
      t.setDaemon(true);
      t.start();
      done.add(f);
    }
    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public void close() {
    // Brokers first, in parallel: a broker still running after the quorum lost its majority would
    // wait for controllers that no longer answer.
    inParallel(nodes, node -> {
      try {
        stop(node.id);
      } catch (RuntimeException e) {
        LOG.warn("embedded kafka node stop failed node={} error={}", node.id, e.toString());
      }
    });
    LOG.info("embedded kafka cluster stopped bootstrap={}", bootstrap());
  }
}
