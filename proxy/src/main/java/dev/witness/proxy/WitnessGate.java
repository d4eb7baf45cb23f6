package dev.witness.proxy;

import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The write-ahead, fail-closed step every proxy shares: publish an event, then wait for its reply
 * on this instance's reply partition. Any failure becomes a {@link WitnessUnavailableException}.
 */
public final class WitnessGate {

  private final EventPublisher publisher;
  private final ReplyChannel replies;
  private final Duration timeout;
  private final Duration approvalHold;

  /**
   * The gate of a proxy listener: waits {@code proxy.verdictTimeout} on the reply partition the
   * configuration names, which must be the one {@code replies} reads.
   */
  public static WitnessGate forProxy(ProxyConfig proxy, EventPublisher publisher, ReplyChannel replies) {
    if (replies.partition() != proxy.replyPartition()) {
      throw new ConfigException("proxy.replyPartition: " + proxy.replyPartition()
          + " differs from the reply channel's partition " + replies.partition() + "; start both from the same config");
    }
    return new WitnessGate(publisher, replies, proxy.verdictTimeout(), proxy.approvalHold());
  }

  /** A gate that answers a request needing approval at once, without holding it. */
  public WitnessGate(EventPublisher publisher, ReplyChannel replies, Duration timeout) {
    this(publisher, replies, timeout, Duration.ZERO);
  }

  public WitnessGate(EventPublisher publisher, ReplyChannel replies, Duration timeout, Duration approvalHold) {
    this.publisher = publisher;
    this.replies = replies;
    this.timeout = timeout;
    this.approvalHold = approvalHold;
  }

  /**
   * Publishes the request and completes with its verdict, or fails closed. A request that needs a
   * human approval is held up to the approval hold for the decision the approval topology sends
   * after it (same request id); if none comes, the pending verdict is the answer and the agent
   * is told to re-run once approved.
   */
  public CompletableFuture<Verdict> admit(RequestIntercepted request) {
    return admit(request, () -> { });
  }

  /**
   * Like {@link #admit(RequestIntercepted)}; {@code onRecorded} runs (on the publisher's thread)
   * once the request is durably written, e.g. to time the two halves of the wait.
   */
  public CompletableFuture<Verdict> admit(RequestIntercepted request, Runnable onRecorded) {
    // Wait first, publish second: a fast verdict must find its waiter.
    CompletableFuture<Verdict> verdict = replies.verdict(request.getRequestId(), timeout);
    CompletableFuture<Void> published = publish(request);
    published.thenRun(onRecorded);
    return await(verdict, published, Stage.REQUEST, "no verdict within " + text(timeout))
        .thenCompose(this::holdForApproval);
  }

  private CompletableFuture<Verdict> holdForApproval(Verdict pending) {
    if (pending.getDecision() != Decision.REQUIRE_APPROVAL || pending.getApprovalId() == null
        || approvalHold.isZero() || approvalHold.isNegative()) {
      return CompletableFuture.completedFuture(pending);
    }
    return replies.verdict(pending.getRequestId(), approvalHold)
        .handle((decided, error) -> error == null && decided.getDecision() != Decision.REQUIRE_APPROVAL
            ? decided : pending);
  }

  /** Publishes a raw response chunk and completes with its masked form, or fails closed. */
  public CompletableFuture<MaskedChunk> mask(ResponseChunk chunk) {
    CompletableFuture<MaskedChunk> masked =
        replies.maskedChunk(chunk.getRequestId(), chunk.getChunkIndex(), timeout);
    return await(masked, publish(chunk), Stage.RESPONSE,
        "no masked chunk " + chunk.getChunkIndex() + " within " + text(timeout));
  }

  /** Publishes a request event that needs no verdict (refused before policy, e.g. 401, 413). */
  public CompletableFuture<Void> record(RequestIntercepted request) {
    return publish(request);
  }

  /** Publishes a response chunk that needs no masking (e.g. the upstream could not be reached). */
  public CompletableFuture<Void> record(ResponseChunk chunk) {
    return publish(chunk);
  }

  public Duration timeout() {
    return timeout;
  }

  private CompletableFuture<Void> publish(RequestIntercepted event) {
    try {
      return publisher.publish(event);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private CompletableFuture<Void> publish(ResponseChunk event) {
    try {
      return publisher.publish(event);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private static <T> CompletableFuture<T> await(
      CompletableFuture<T> reply, CompletableFuture<Void> published, Stage stage, String timeoutReason) {
    published.whenComplete((ok, error) -> {
      if (error != null) {
        // Completing the waiter also removes it from the reply channel.
        reply.completeExceptionally(new WitnessUnavailableException(stage, "event not recorded", unwrap(error)));
      }
    });
    CompletableFuture<T> result = new CompletableFuture<>();
    reply.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
        return;
      }
      Throwable cause = unwrap(error);
      if (cause instanceof WitnessUnavailableException) {
        result.completeExceptionally(cause);
      } else if (cause instanceof TimeoutException) {
        result.completeExceptionally(new WitnessUnavailableException(stage, timeoutReason, cause));
      } else {
        result.completeExceptionally(new WitnessUnavailableException(stage, "reply channel failed", cause));
      }
    });
    return result;
  }

  /** Strips the wrappers CompletableFuture adds. */
  public static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }
}
