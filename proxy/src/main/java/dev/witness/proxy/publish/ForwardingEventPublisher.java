package dev.witness.proxy.publish;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.util.concurrent.CompletableFuture;

/** An {@link EventPublisher} that hands every event to another; a decorator overrides only what it changes. */
public abstract class ForwardingEventPublisher implements EventPublisher {

  private final EventPublisher delegate;

  protected ForwardingEventPublisher(EventPublisher delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletableFuture<Void> publish(RequestIntercepted request) {
    return delegate.publish(request);
  }

  @Override
  public CompletableFuture<Void> publish(ResponseChunk chunk) {
    return delegate.publish(chunk);
  }

  @Override
  public CompletableFuture<Void> publish(ApprovalDecision decision) {
    return delegate.publish(decision);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
