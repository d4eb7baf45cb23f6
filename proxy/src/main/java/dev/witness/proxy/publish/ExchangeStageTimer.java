package dev.witness.proxy.publish;

import dev.witness.proxy.pg.StageTimings;
import dev.witness.proxy.pg.StageTimings.Stage;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Where the time of HTTP-framed exchanges (REST, MCP, OpenAI, Kubernetes) goes, measured at the
 * Kafka boundary every listener shares: it wraps the proxy's {@link EventPublisher} and {@link
 * ReplyChannel} and records, per request, {@link Stage#REQUEST_RECORDED} (publish → acks=all),
 * {@link Stage#VERDICT} (acknowledged → verdict read off the reply partition), {@link Stage#BACKEND}
 * (verdict read → first raw response chunk published: the hand-off to the event loop, forwarding,
 * the upstream's answer and the cut) and {@link Stage#MASKED_CHUNK} (chunk published → masked
 * chunk read). SQL events are left to the PostgreSQL proxy's own timings. Only durations are kept.
 */
public final class ExchangeStageTimer {

  /** Bounds the bookkeeping of requests that never reach their next stage (denied, agent gone). */
  private static final int MAX_TRACKED = 10_000;

  private record ChunkKey(String requestId, int chunkIndex) {}

  private final StageTimings timings = new StageTimings();
  private final ConcurrentMap<String, Long> recordedAt = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Long> verdictAt = new ConcurrentHashMap<>();
  private final ConcurrentMap<ChunkKey, Long> chunkPublishedAt = new ConcurrentHashMap<>();

  /** The figures so far. */
  public StageTimings timings() {
    return timings;
  }

  /** {@code delegate}, timing what it publishes. */
  public EventPublisher publisher(EventPublisher delegate) {
    return new ForwardingEventPublisher(delegate) {
      @Override
      public CompletableFuture<Void> publish(RequestIntercepted request) {
        if (!timed(request.getHeader().getProtocol())) {
          return super.publish(request);
        }
        long started = System.nanoTime();
        CompletableFuture<Void> done = super.publish(request);
        done.thenRun(() -> {
          long now = System.nanoTime();
          timings.record(Stage.REQUEST_RECORDED, now - started);
          track(recordedAt, request.getRequestId(), now);
        });
        return done;
      }

      @Override
      public CompletableFuture<Void> publish(ResponseChunk chunk) {
        if (!timed(chunk.getHeader().getProtocol())) {
          return super.publish(chunk);
        }
        long now = System.nanoTime();
        if (chunk.getChunkIndex() == 0) {
          Long verdict = verdictAt.remove(chunk.getRequestId());
          if (verdict != null) {
            timings.record(Stage.BACKEND, now - verdict);
          }
        }
        track(chunkPublishedAt, new ChunkKey(chunk.getRequestId(), chunk.getChunkIndex()), now);
        return super.publish(chunk);
      }
    };
  }

  /** {@code delegate}, timing the replies it hands out. */
  public ReplyChannel replies(ReplyChannel delegate) {
    return new ReplyChannel() {
      @Override
      public int partition() {
        return delegate.partition();
      }

      @Override
      public CompletableFuture<Verdict> verdict(String requestId, Duration timeout) {
        CompletableFuture<Verdict> verdict = delegate.verdict(requestId, timeout);
        // Dependent stages run when the reply channel's thread completes the waiter, before the
        // caller's own (added later); completing the returned future still releases the waiter.
        verdict.whenComplete((v, error) -> {
          Long recorded = recordedAt.remove(requestId);
          if (v == null || recorded == null) {
            return;
          }
          long now = System.nanoTime();
          timings.record(Stage.VERDICT, now - recorded);
          if (v.getDecision() == Decision.ALLOW) {
            track(verdictAt, requestId, now);
          }
        });
        return verdict;
      }

      @Override
      public CompletableFuture<MaskedChunk> maskedChunk(String requestId, int chunkIndex, Duration timeout) {
        CompletableFuture<MaskedChunk> masked = delegate.maskedChunk(requestId, chunkIndex, timeout);
        ChunkKey key = new ChunkKey(requestId, chunkIndex);
        masked.whenComplete((m, error) -> {
          Long published = chunkPublishedAt.remove(key);
          if (m != null && published != null) {
            timings.since(Stage.MASKED_CHUNK, published);
          }
        });
        return masked;
      }

      @Override
      public void close() {
        delegate.close();
      }
    };
  }

  private static boolean timed(Protocol protocol) {
    return protocol != Protocol.SQL;
  }

  private static <K> void track(ConcurrentMap<K, Long> map, K key, long nanos) {
    if (map.size() >= MAX_TRACKED) {
      map.clear();
    }
    map.put(key, nanos);
  }
}
