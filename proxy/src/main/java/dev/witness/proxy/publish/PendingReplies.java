package dev.witness.proxy.publish;

import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The waiters of one reply partition, keyed by request id (verdicts) and request id + chunk index
 * (masked chunks). Transport-free: the Kafka channel feeds it from its consumer, tests feed it
 * directly, which makes it the in-memory {@link ReplyChannel} too.
 */
public final class PendingReplies implements ReplyChannel {

  private record ChunkKey(String requestId, int chunkIndex) {}

  private final int partition;
  private final ConcurrentMap<String, CompletableFuture<Verdict>> verdicts = new ConcurrentHashMap<>();
  private final ConcurrentMap<ChunkKey, CompletableFuture<MaskedChunk>> chunks = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public PendingReplies(int partition) {
    this.partition = partition;
  }

  @Override
  public int partition() {
    return partition;
  }

  @Override
  public CompletableFuture<Verdict> verdict(String requestId, Duration timeout) {
    return register(verdicts, requestId, timeout, Stage.REQUEST);
  }

  @Override
  public CompletableFuture<MaskedChunk> maskedChunk(String requestId, int chunkIndex, Duration timeout) {
    return register(chunks, new ChunkKey(requestId, chunkIndex), timeout, Stage.RESPONSE);
  }

  /**
   * Completes the waiter of {@code reply} if there is one. Returns false for replies nobody waits
   * for (late, duplicate, or addressed to a previous run of this instance) and for other types.
   */
  public boolean dispatch(SpecificRecord reply) {
    if (reply instanceof Verdict v) {
      CompletableFuture<Verdict> waiter = verdicts.get(v.getRequestId());
      return waiter != null && waiter.complete(v);
    }
    if (reply instanceof MaskedChunk m) {
      CompletableFuture<MaskedChunk> waiter = chunks.get(new ChunkKey(m.getRequestId(), m.getChunkIndex()));
      return waiter != null && waiter.complete(m);
    }
    return false;
  }

  /** How many requests and chunks are waiting (for metrics and tests). */
  public int waiting() {
    return verdicts.size() + chunks.size();
  }

  @Override
  public void close() {
    closed = true;
    verdicts.values().forEach(f -> f.completeExceptionally(
        new WitnessUnavailableException(Stage.REQUEST, "reply channel closed")));
    chunks.values().forEach(f -> f.completeExceptionally(
        new WitnessUnavailableException(Stage.RESPONSE, "reply channel closed")));
  }

  private <K, V> CompletableFuture<V> register(
      ConcurrentMap<K, CompletableFuture<V>> waiters, K key, Duration timeout, Stage stage) {
    CompletableFuture<V> waiter = new CompletableFuture<>();
    if (closed) {
      waiter.completeExceptionally(new WitnessUnavailableException(stage, "reply channel closed"));
      return waiter;
    }
    // A completed waiter may still be mapped while its removal runs: waiting again for the same
    // key (a held request's decision after its pending verdict) replaces it.
    CompletableFuture<V> previous = waiters.merge(key, waiter, (old, fresh) -> old.isDone() ? fresh : old);
    if (previous != waiter) {
      throw new IllegalStateException("already waiting for " + key);
    }
    Deadlines.within(waiter, timeout).whenComplete((value, error) -> waiters.remove(key, waiter));
    return waiter;
  }
}
