package dev.witness.proxy.publish;

import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * This proxy instance's partition of {@code witness.replies}: callers register what they wait for
 * before publishing, and the channel completes the wait when the matching reply arrives.
 */
public interface ReplyChannel extends AutoCloseable {

  /** The partition of {@code witness.replies} this channel reads; events must carry it. */
  int partition();

  /**
   * Completes with the verdict for {@code requestId}, or fails with a {@link
   * java.util.concurrent.TimeoutException} after {@code timeout}.
   */
  CompletableFuture<Verdict> verdict(String requestId, Duration timeout);

  /** Completes with the masked form of one response chunk, or times out like {@link #verdict}. */
  CompletableFuture<MaskedChunk> maskedChunk(String requestId, int chunkIndex, Duration timeout);

  @Override
  void close();
}
