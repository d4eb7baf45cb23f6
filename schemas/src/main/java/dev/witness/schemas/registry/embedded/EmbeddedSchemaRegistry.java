package dev.witness.schemas.registry.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema registry of single-node mode: the Confluent REST subset Witness uses, on the JDK's
 * HTTP server, with every registration kept in the compacted Kafka topic {@code _schemas} so
 * ids and versions survive restarts. Run one instance per {@code _schemas} topic: it is the
 * only writer of ids.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
  private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);
  private static final int HTTP_THREADS = 4;

  private final HttpServer server;
  private final ExecutorService executor;
  private final RegistryLog registryLog;
  private final String url;

  private EmbeddedSchemaRegistry(HttpServer server, ExecutorService executor, RegistryLog registryLog, String url) {
    this.server = server;
    this.executor = executor;
    this.registryLog = registryLog;
    this.url = url;
  }

  /**
   * Starts a registry on {@code host:port} (port 0 picks a free one) that keeps its state in
   * {@code _schemas} on the Kafka cluster at {@code kafkaBootstrap}, creating the topic if absent.
   *
   * @throws UncheckedIOException naming the port when it is in use
   * @throws dev.witness.schemas.registry.SchemaRegistryException when Kafka cannot be reached
   */
  public static EmbeddedSchemaRegistry start(String kafkaBootstrap, String host, int port) {
    // Bind before touching Kafka: a taken port is the likelier mistake and needs no broker to report.
    HttpServer server = bind(host, port);
    KafkaRegistryLog registryLog;
    try {
      registryLog = KafkaRegistryLog.open(kafkaBootstrap, KAFKA_TIMEOUT);
    } catch (RuntimeException e) {
      server.stop(0);
      throw e;
    }
    return serve(server, registryLog, host);
  }

  /** Starts a registry on {@code host:port} keeping its state in {@code registryLog}, which it closes on {@link #close()}. */
  public static EmbeddedSchemaRegistry start(RegistryLog registryLog, String host, int port) {
    return serve(bind(host, port), registryLog, host);
  }

  /** The base URL clients use, e.g. {@code http://127.0.0.1:8081}. */
  public String url() {
    return url;
  }

  /** The port actually bound (useful when started on port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops accepting requests, lets writes in flight finish briefly, and closes the log. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdown();
    try {
      // A handler may be waiting for its Kafka write: let it land before the producer closes.
      if (!executor.awaitTermination(KAFKA_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    registryLog.close();
    log.info("schema registry stopped url={}", url);
  }

  private static EmbeddedSchemaRegistry serve(HttpServer server, RegistryLog registryLog, String host) {
    ExecutorService executor = null;
    try {
      // Replay before accepting requests: until then connections wait in the backlog.
      RegistryService service = RegistryService.replay(registryLog);
      executor = Executors.newFixedThreadPool(HTTP_THREADS, daemonThreads());
      server.setExecutor(executor);
      server.createContext("/", new RegistryHttpHandler(service));
      server.start();
    } catch (RuntimeException e) {
      server.stop(0);
      if (executor != null) {
        executor.shutdownNow();
      }
      registryLog.close();
      throw e;
    }
    String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getAddress().getPort();
    log.info("schema registry started url={}", url);
    return new EmbeddedSchemaRegistry(server, executor, registryLog, url);
  }

  private static HttpServer bind(String host, int port) {
    try {
      return HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (BindException e) {
      throw new UncheckedIOException("Cannot start the schema registry on " + host + ":" + port + ": port " + port
          + " is in use (or the address is not local); stop the other process or configure another port", e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the schema registry on " + host + ":" + port + ": " + e.getMessage(), e);
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger count = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, "schema-registry-http-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
