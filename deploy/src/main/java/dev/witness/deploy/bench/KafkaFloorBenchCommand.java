package dev.witness.deploy.bench;

import com.sun.net.httpserver.HttpServer;
import dev.witness.embedded.EmbeddedKafkaBroker;
import dev.witness.embedded.ScratchDirectory;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.http.HttpProxyListener;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.KafkaClientSettings;
import dev.witness.proxy.publish.PendingReplies;
import dev.witness.schemas.config.AgentConfig;
import dev.witness.schemas.config.HttpProxyConfig;
import dev.witness.schemas.config.HttpRoute;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.StreamsSettings;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.StreamPartitioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code witness bench kafka}: the floor under {@code bench mcp}'s added latency, in parts. On an
 * embedded broker with the proxy's own client settings ({@link KafkaClientSettings}) and the
 * interactive Streams settings ({@link StreamsSettings#interactive}): a produce to acks=all, a
 * produce read by an assigned reply consumer, one produce → Streams pass-through → reply round
 * trip, and two of them back to back (a tools/call's two round trips with no policy, masking or
 * HTTP); then the HTTP proxy alone, its Kafka side answered in memory.
 */
@Command(name = "kafka", mixinStandardHelpOptions = true,
    description = "Round-trip floor of the Kafka hops a proxied request takes, and the HTTP proxy's own cost.")
public final class KafkaFloorBenchCommand implements Callable<Integer> {

  @Option(names = "--requests", defaultValue = "2000", description = "Measured round trips per figure (default: ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--warmup", defaultValue = "500", description = "Unmeasured round trips before each figure (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--producer-config", paramLabel = "KEY=VALUE",
      description = "Overrides a setting of the proxy's producer, to try a tuning (repeatable).")
  Map<String, String> producerConfig = new LinkedHashMap<>();

  @Option(names = "--consumer-config", paramLabel = "KEY=VALUE",
      description = "Overrides a setting of the proxy's reply consumer (repeatable).")
  Map<String, String> consumerConfig = new LinkedHashMap<>();

  @Option(names = "--streams-config", paramLabel = "KEY=VALUE",
      description = "Overrides a setting of the interactive Streams application, e.g. consumer.fetch.max.wait.ms=50 (repeatable).")
  Map<String, String> streamsConfig = new LinkedHashMap<>();

  private static final String IN = "bench.in";
  private static final String OUT = "bench.out";
  private static final int REPLY_PARTITION = 5;
  /** About the size of a recorded tools/call request. */
  private static final byte[] PAYLOAD = new byte[600];
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ConcurrentMap<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
  private volatile boolean running = true;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    // The broker's log and the Streams state are only this run's: nothing to keep.
    try (ScratchDirectory scratch = ScratchDirectory.create("witness-bench-kafka");
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(scratch.path().resolve("kafka"), 0)) {
      Path dir = scratch.path();
      String bootstrap = broker.bootstrap();
      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
        // Partition counts of witness.requests / witness.replies in standalone.
        admin.createTopics(List.of(new NewTopic(IN, 3, (short) 1), new NewTopic(OUT, 8, (short) 1))).all().get();
      }
      out.printf("embedded broker at %s; load average: %s%n%s%n", bootstrap, McpBenchCommand.loadAverage(),
          CpuIdleSetting.current().describe());
      out.printf("%-58s %8s %9s %9s %9s%n", "hop", "n", "p50 ms", "p90 ms", "p99 ms");
      ExecutorService publisherThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-publisher"));
      Map<String, Object> producerSettings = new HashMap<>(KafkaClientSettings.producer(bootstrap, TIMEOUT, "bench-proxy"));
      producerSettings.putAll(producerConfig);
      Map<String, Object> consumerSettings = new HashMap<>(KafkaClientSettings.replyConsumer(bootstrap, "bench-replies"));
      consumerSettings.putAll(consumerConfig);
      if (!producerConfig.isEmpty() || !consumerConfig.isEmpty() || !streamsConfig.isEmpty()) {
        out.printf("overrides: producer %s, reply consumer %s, Streams %s%n", producerConfig, consumerConfig, streamsConfig);
      }
      try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
              producerSettings, new StringSerializer(), new ByteArraySerializer());
          KafkaConsumer<String, byte[]> replies = new KafkaConsumer<>(
              consumerSettings, new StringDeserializer(), new ByteArrayDeserializer())) {
        report(out, "produce, acks=all (proxy publisher thread)", measure(i -> {
          CompletableFuture<Void> acked = new CompletableFuture<>();
          publisherThread.execute(() -> producer.send(new ProducerRecord<>(IN, "s" + (i % 16), PAYLOAD),
              (metadata, error) -> complete(acked, error)));
          return acked;
        }));
        Thread poller = startReplyPoller(replies);
        report(out, "produce -> assigned reply consumer reads it", measure(i -> {
          String key = "b" + i;
          CompletableFuture<Void> read = await(key);
          publisherThread.execute(() -> producer.send(new ProducerRecord<>(OUT, REPLY_PARTITION, key, PAYLOAD)));
          return read;
        }));
        try (KafkaStreams streams = passThrough(bootstrap, dir.resolve("streams"), streamsConfig)) {
          report(out, "produce -> Streams pass-through -> reply consumer", measure(i -> roundTrip(producer, publisherThread, "d" + i)));
          report(out, "two such round trips back to back (tools/call floor)", measure(i ->
              roundTrip(producer, publisherThread, "e" + i).thenCompose(v -> roundTrip(producer, publisherThread, "f" + i))));
        }
        running = false;
        poller.join(5_000);
      } finally {
        publisherThread.shutdownNow();
      }
      proxyAlone(out);
      out.printf("load average now: %s%n", McpBenchCommand.loadAverage());
    }
    return 0;
  }

  /** Witness's proxy relaying a tools/call with its Kafka side answered in memory, against the upstream directly. */
  private void proxyAlone(PrintStream out) throws Exception {
    HttpServer upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
    byte[] answer = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
        + "\"text\":\"customer 42: Ada, city London\"}],\"isError\":false}}").getBytes(StandardCharsets.UTF_8);
    upstream.createContext("/mcp", exchange -> {
      try (exchange) {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        exchange.getResponseBody().write(answer);
      }
    });
    ExecutorService upstreamThreads = Executors.newVirtualThreadPerTaskExecutor();
    upstream.setExecutor(upstreamThreads);
    upstream.start();
    ExecutorService kafkaSide = Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-in-memory-kafka"));
    PendingReplies pending = new PendingReplies(0);
    String upstreamUrl = "http://127.0.0.1:" + upstream.getAddress().getPort();
    ProxyConfig config = new ProxyConfig(0, TIMEOUT, Duration.ZERO, new HttpProxyConfig("127.0.0.1:0", 1L << 20, 64 * 1024,
        List.of(new HttpRoute("/mcp/bench", "mcp:bench", upstreamUrl + "/mcp", true, null, "mcp"))), null, null);
    AgentAuthenticator agents = new AgentAuthenticator(
        List.of(new AgentConfig("bench-agent", AgentAuthenticator.sha256Hex("bench-token"), null)));
    int timeoutMillis = (int) TIMEOUT.toMillis();
    try (HttpProxyListener proxy = HttpProxyListener.start(config, agents, new InMemoryTopologies(pending, kafkaSide), pending);
        BlockingHttpConnection toUpstream = new BlockingHttpConnection(URI.create(upstreamUrl), timeoutMillis);
        BlockingHttpConnection toProxy = new BlockingHttpConnection(
            URI.create("http://127.0.0.1:" + proxy.address().getPort()), timeoutMillis)) {
      Map<String, String> agent = Map.of("Authorization", "Bearer bench-token", "X-Witness-Purpose", "benchmark");
      LatencyRecorder direct = measure(i -> toolsCall(toUpstream, "/mcp", Map.of(), i));
      LatencyRecorder through = measure(i -> toolsCall(toProxy, "/mcp/bench", agent, i));
      report(out, "tools/call direct (HTTP upstream)", direct);
      report(out, "tools/call through the proxy, Kafka side in memory", through);
      out.printf("the proxy's own added p50: %+.2f ms (HTTP hop, framing, events, encryption, hand-offs)%n",
          through.percentileMillis(50) - direct.percentileMillis(50));
    } finally {
      upstream.stop(0);
      upstreamThreads.shutdownNow();
      kafkaSide.shutdownNow();
    }
  }

  private static CompletableFuture<Void> toolsCall(
      BlockingHttpConnection http, String path, Map<String, String> headers, int i) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    all.put("Accept", "application/json, text/event-stream");
    all.put("Mcp-Session-Id", "bench-session");
    byte[] body = ("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1)
        + ",\"method\":\"tools/call\",\"params\":{\"name\":\"lookup_customer\",\"arguments\":{\"id\":42}}}")
        .getBytes(StandardCharsets.UTF_8);
    try {
      BlockingHttpConnection.Response r = http.post(path, all, body);
      return r.status() == 200 ? CompletableFuture.completedFuture(null)
          : CompletableFuture.failedFuture(new IllegalStateException("status " + r.status()));
    } catch (java.io.IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Answers each request with ALLOW and each chunk with itself, on one thread standing in for Kafka and Streams. */
  private record InMemoryTopologies(PendingReplies replies, ExecutorService thread) implements EventPublisher {

    @Override
    public CompletableFuture<Void> publish(RequestIntercepted request) {
      thread.execute(() -> replies.dispatch(Verdict.newBuilder().setHeader(request.getHeader())
          .setRequestId(request.getRequestId()).setReplyPartition(0).setDecision(Decision.ALLOW)
          .setRules(List.of()).setReason(null).setMaskPlan(null).setApprovalId(null).build()));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> publish(ResponseChunk chunk) {
      thread.execute(() -> replies.dispatch(MaskedChunk.newBuilder().setHeader(chunk.getHeader())
          .setRequestId(chunk.getRequestId()).setReplyPartition(0).setChunkIndex(chunk.getChunkIndex())
          .setLast(chunk.getLast()).setHead(chunk.getHead()).setContentType(chunk.getContentType())
          .setPayload(chunk.getPayload()).setMaskings(List.of()).setError(null).build()));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> publish(ApprovalDecision decision) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }

  private CompletableFuture<Void> roundTrip(KafkaProducer<String, byte[]> producer, ExecutorService publisherThread, String key) {
    CompletableFuture<Void> read = await(key);
    publisherThread.execute(() -> producer.send(new ProducerRecord<>(IN, key, PAYLOAD)));
    return read;
  }

  private CompletableFuture<Void> await(String key) {
    CompletableFuture<Void> read = new CompletableFuture<>();
    waiters.put(key, read);
    return read.whenComplete((v, e) -> waiters.remove(key));
  }

  /** Reads the reply partition like the proxy's reply channel: assigned, from the end, one thread. */
  private Thread startReplyPoller(KafkaConsumer<String, byte[]> consumer) {
    TopicPartition partition = new TopicPartition(OUT, REPLY_PARTITION);
    consumer.assign(List.of(partition));
    consumer.seekToEnd(List.of(partition));
    consumer.position(partition);
    Thread poller = new Thread(() -> {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          CompletableFuture<Void> waiter = waiters.get(record.key());
          if (waiter != null) {
            waiter.complete(null);
          }
        }
      }
    }, "bench-replies");
    poller.setDaemon(true);
    poller.start();
    return poller;
  }

  /** A Streams application with the interactive settings that forwards every record to the reply partition. */
  private static KafkaStreams passThrough(String bootstrap, Path stateDir, Map<String, String> overrides)
      throws InterruptedException {
    StreamsBuilder builder = new StreamsBuilder();
    StreamPartitioner<String, byte[]> replyPartition = new StreamPartitioner<>() {
      @Override
      public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, Headers headers, int partitions) {
        return Optional.of(Set.of(REPLY_PARTITION));
      }

      /** Only satisfies the interface; Kafka Streams calls the variant with headers. */
      @Override
      @SuppressWarnings("removal")
      public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int partitions) {
        return partitions(topic, key, value, null, partitions);
      }
    };
    builder.stream(IN, Consumed.with(Serdes.String(), Serdes.ByteArray()))
        .to(OUT, Produced.with(Serdes.String(), Serdes.ByteArray()).withStreamPartitioner(replyPartition));
    Properties settings = StreamsSettings.interactive(bootstrap, "witness-bench-pass-through", stateDir.toString(), 1);
    settings.putAll(overrides);
    KafkaStreams streams = new KafkaStreams(builder.build(), settings);
    streams.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        streams.close(Duration.ofSeconds(5));
        throw new IllegalStateException("the pass-through application did not start within 60 s: " + streams.state());
      }
      Thread.sleep(50);
    }
    return streams;
  }

  private interface Trip {
    CompletableFuture<Void> start(int i) throws Exception;
  }

  /** Closed loop, one at a time: {@code warmup} unmeasured, then {@code requests} measured. */
  private LatencyRecorder measure(Trip trip) throws Exception {
    LatencyRecorder recorder = new LatencyRecorder();
    for (int i = 0; i < warmup + requests; i++) {
      long start = System.nanoTime();
      try {
        trip.start(i).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (i >= warmup) {
          recorder.record(System.nanoTime() - start);
        }
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        recorder.error();
      }
    }
    return recorder;
  }

  private static void complete(CompletableFuture<Void> future, Exception error) {
    if (error == null) {
      future.complete(null);
    } else {
      future.completeExceptionally(error);
    }
  }

  private static void report(PrintStream out, String label, LatencyRecorder r) {
    out.printf("%-58s %8d %9.2f %9.2f %9.2f%s%n", label, r.count(), r.percentileMillis(50), r.percentileMillis(90),
        r.percentileMillis(99), r.errors() == 0 ? "" : "  errors=" + r.errors());
  }
}
