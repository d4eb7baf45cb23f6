package dev.witness.proxy.pg;

import dev.witness.proxy.publish.PendingReplies;
import dev.witness.proxy.publish.RecordingPublisher;
import dev.witness.proxy.publish.Replies;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Kafka and the topologies in memory for ITs that need only a real PostgreSQL: allows every
 * statement and returns every chunk unchanged, unless told to withhold masked chunks.
 */
final class InMemoryTopologies implements AutoCloseable {

  final RecordingPublisher publisher = new RecordingPublisher();
  final PendingReplies replies = new PendingReplies(0);
  final List<RequestIntercepted> requests = new CopyOnWriteArrayList<>();
  volatile boolean maskResults = true;
  private final Thread thread = Thread.ofVirtual().unstarted(this::respond);

  InMemoryTopologies() {
    thread.start();
  }

  private void respond() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        RequestIntercepted request = publisher.nextRequest();
        if (request != null) {
          requests.add(request);
          replies.dispatch(Replies.allow(request));
        }
        ResponseChunk chunk;
        while ((chunk = publisher.nextChunk()) != null && maskResults) {
          replies.dispatch(Replies.unchanged(chunk));
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
