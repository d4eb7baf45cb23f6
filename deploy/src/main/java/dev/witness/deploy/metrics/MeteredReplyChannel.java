package dev.witness.deploy.metrics;

import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures a proxy's reply channel without changing it: every wait registered for a verdict or a
 * masked chunk is timed from registration (just before the event is published) to the reply, and
 * verdicts are counted by protocol and decision. A wait for a request whose first verdict was
 * {@code REQUIRE_APPROVAL} is a held approval.
 */
public final class MeteredReplyChannel implements ReplyChannel {

  /** Verdicts by {@code protocol} and {@code decision} ({@code none} when none came in time). */
  public static final String VERDICTS = "witness.proxy.verdicts";
  /** Publish → verdict round trip, with a percentile histogram. */
  public static final String VERDICT_LATENCY = "witness.proxy.verdict.latency";
  /** Publish → masked chunk round trip. */
  public static final String MASKED_CHUNK_LATENCY = "witness.proxy.masked.chunk.latency";
  /** Requests held unforwarded while approvers decide. */
  public static final String HELD_APPROVALS = "witness.proxy.approvals.held";

  private final ReplyChannel delegate;
  private final MeterRegistry registry;
  private final Timer verdictLatency;
  private final Timer chunkLatency;
  // One count per process, strongly held: a gauge keeps only a weak reference and the global
  // registry keeps the first gauge registered under a name, so per-channel counters would go stale
  // when a process (or a test JVM) starts a second proxy.
  private static final AtomicInteger HELD = new AtomicInteger();
  private final Set<String> awaitingApproval = ConcurrentHashMap.newKeySet();
  // Looked up once per protocol and decision: building a meter id per verdict (tags sorted, id
  // hashed, registry map probed) was work on every request for a handful of distinct counters.
  private final Map<String, Counter> verdictCounters = new ConcurrentHashMap<>();

  public MeteredReplyChannel(ReplyChannel delegate, MeterRegistry registry) {
    this.delegate = delegate;
    this.registry = registry;
    this.verdictLatency = Timer.builder(VERDICT_LATENCY).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .description("time from registering a request's wait (before publishing it) to its verdict")
        .register(registry);
    this.chunkLatency = Timer.builder(MASKED_CHUNK_LATENCY).publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry);
    registry.gauge(HELD_APPROVALS, HELD);
  }

  /** Meters {@code delegate} on Micrometer's global registry. */
  public static ReplyChannel wrap(ReplyChannel delegate) {
    return new MeteredReplyChannel(delegate, Metrics.globalRegistry);
  }

  @Override
  public int partition() {
    return delegate.partition();
  }

  @Override
  public CompletableFuture<Verdict> verdict(String requestId, Duration timeout) {
    boolean holding = awaitingApproval.remove(requestId);
    if (holding) {
      HELD.incrementAndGet();
    }
    Timer.Sample sample = Timer.start(registry);
    CompletableFuture<Verdict> verdict = delegate.verdict(requestId, timeout);
    // The caller gets a future that completes after the bookkeeping, so a hold it starts on a
    // REQUIRE_APPROVAL verdict is seen as one; completing it (the gate does on a failed publish)
    // still completes, and so releases, the channel's waiter.
    CompletableFuture<Verdict> result = new CompletableFuture<>();
    result.whenComplete((v, error) -> {
      if (error != null) {
        verdict.completeExceptionally(error);
      }
    });
    verdict.whenComplete((v, error) -> {
      record(requestId, holding, sample, v, timeout);
      if (error != null) {
        result.completeExceptionally(error);
      } else {
        result.complete(v);
      }
    });
    return result;
  }

  private void record(String requestId, boolean holding, Timer.Sample sample, Verdict v, Duration timeout) {
    if (holding) {
      HELD.decrementAndGet();
      return;
    }
    if (v == null) {
      verdicts("unknown", "none").increment();
      return;
    }
    sample.stop(verdictLatency);
    String protocol = v.getHeader() == null || v.getHeader().getProtocol() == null
        ? "unknown" : v.getHeader().getProtocol().name();
    verdicts(protocol, v.getDecision().name()).increment();
    if (v.getDecision() == Decision.REQUIRE_APPROVAL) {
      awaitingApproval.add(requestId);
      // A gate that does not hold (approvalHold 0s) never asks again: forget the id later.
      CompletableFuture.delayedExecutor(timeout.plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS)
          .execute(() -> awaitingApproval.remove(requestId));
    }
  }

  private Counter verdicts(String protocol, String decision) {
    return verdictCounters.computeIfAbsent(protocol + '/' + decision,
        key -> Counter.builder(VERDICTS).tag("protocol", protocol).tag("decision", decision).register(registry));
  }

  @Override
  public CompletableFuture<MaskedChunk> maskedChunk(String requestId, int chunkIndex, Duration timeout) {
    Timer.Sample sample = Timer.start(registry);
    CompletableFuture<MaskedChunk> chunk = delegate.maskedChunk(requestId, chunkIndex, timeout);
    chunk.whenComplete((c, error) -> {
      if (c != null) {
        sample.stop(chunkLatency);
      }
    });
    return chunk;
  }

  @Override
  public void close() {
    delegate.close();
  }
}
