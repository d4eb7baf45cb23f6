package dev.witness.proxy.publish;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.util.concurrent.CompletableFuture;

/**
 * Where proxies send events. A returned future completes only once the event is durably written
 * (acks=all), and fails if that cannot happen within the configured produce timeout. Events are
 * keyed by session id, so one session stays in order.
 */
public interface EventPublisher extends AutoCloseable {

  /** Publishes to {@code witness.requests}. */
  CompletableFuture<Void> publish(RequestIntercepted request);

  /** Publishes to {@code witness.responses.raw}. */
  CompletableFuture<Void> publish(ResponseChunk chunk);

  /**
   * Publishes to {@code witness.approval-decisions}, keyed by approval id: only the withdrawal of a
   * held request whose agent went away ({@link dev.witness.proxy.WitnessGate#withdraw}).
   */
  default CompletableFuture<Void> publish(ApprovalDecision decision) {
    return CompletableFuture.failedFuture(new UnsupportedOperationException("this publisher records no decisions"));
  }

  @Override
  void close();
}
