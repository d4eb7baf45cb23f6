package dev.witness.proxy.publish;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** An in-memory publisher for fast tests: keeps events in order and can be told to fail. */
public final class RecordingPublisher implements EventPublisher {

  private final BlockingQueue<RequestIntercepted> requests = new LinkedBlockingQueue<>();
  private final BlockingQueue<ResponseChunk> chunks = new LinkedBlockingQueue<>();
  private final BlockingQueue<ApprovalDecision> decisions = new LinkedBlockingQueue<>();
  private volatile RuntimeException failure;

  /** Makes every following publish fail with {@code error} (null to succeed again). */
  public void failWith(RuntimeException error) {
    this.failure = error;
  }

  @Override
  public CompletableFuture<Void> publish(RequestIntercepted request) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    requests.add(request);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> publish(ResponseChunk chunk) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    chunks.add(chunk);
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public CompletableFuture<Void> publish(ApprovalDecision decision) {
    if (failure != null) {
      return CompletableFuture.failedFuture(failure);
    }
    decisions.add(decision);
    return CompletableFuture.completedFuture(null);
  }

  /** The next published approval decision, or null if none arrives within a second. */
  public ApprovalDecision nextDecision() throws InterruptedException {
    return decisions.poll(1, TimeUnit.SECONDS);
  }

  /** The next published request, or null if none arrives within a second. */
  public RequestIntercepted nextRequest() throws InterruptedException {
    return requests.poll(1, TimeUnit.SECONDS);
  }

  /** The next published response chunk, or null if none arrives within a second. */
  public ResponseChunk nextChunk() throws InterruptedException {
    return chunks.poll(1, TimeUnit.SECONDS);
  }

  public boolean isEmpty() {
    return requests.isEmpty() && chunks.isEmpty();
  }

  @Override
  public void close() {}
}
