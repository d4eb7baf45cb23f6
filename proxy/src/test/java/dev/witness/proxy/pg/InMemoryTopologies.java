package dev.witness.proxy.pg;

import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.PendingReplies;
import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kafka and the topologies in memory for ITs that need only a real PostgreSQL: each published
 * event is answered at once (the gate registers its waiter before publishing), allowing every
 * statement and returning every chunk unchanged, unless told to fail or to withhold masked chunks.
 */
final class InMemoryTopologies implements EventPublisher {

  final PendingReplies replies = new PendingReplies(0);
  final List<RequestIntercepted> requests = new CopyOnWriteArrayList<>();
  volatile boolean maskResults = true;
  private volatile RuntimeException failure;
  private volatile java.util.function.Predicate<ResponseChunk> failingChunks = c -> false;

  /** Makes every following publish fail with {@code error} (null to succeed again). */
  void failWith(RuntimeException error) {
    this.failure = error;
  }

  /** Makes publishing the chunks that match fail (requests still succeed); {@code c -> false} to stop. */
  void failChunks(java.util.function.Predicate<ResponseChunk> which) {
    this.failingChunks = which;
  }

  @Override
  public CompletableFuture<Void> publish(RequestIntercepted request) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    requests.add(request);
    replies.dispatch(Replies.allow(request));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> publish(ResponseChunk chunk) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    if (failingChunks.test(chunk)) {
      return CompletableFuture.failedFuture(new IllegalStateException("broker down"));
    }
    if (maskResults) {
      replies.dispatch(Replies.unchanged(chunk));
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {}
}
