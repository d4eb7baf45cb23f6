package dev.witness.proxy;

import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead, fail-closed step every proxy shares: publish an event, then wait for its reply
 * on this instance's reply partition. Any failure becomes a {@link WitnessUnavailableException}.
 */
public final class WitnessGate {

  private static final Logger LOG = LoggerFactory.getLogger(WitnessGate.class);

  /** A request held for its approval: which approval, and the agent that may withdraw it. */
  private record Held(String approvalId, String agentId) {}

  private final Map<String, Held> held = new ConcurrentHashMap<>();
  /** Requests waiting for their first verdict, and why the agent withdrew them if it did meanwhile. */
  private final Map<String, String> admitting = new ConcurrentHashMap<>();
  private final EventPublisher publisher;
  private final ReplyChannel replies;
  private final Duration timeout;
  private final Duration approvalHold;
  private final MaskPlanRelay maskPlans = new MaskPlanRelay();

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
    admitting.put(request.getRequestId(), "");
    CompletableFuture<Void> published = publish(request);
    published.thenRun(onRecorded);
    return await(verdict, published, Stage.REQUEST, "no verdict within " + text(timeout))
        .whenComplete((v, error) -> {
          if (error != null || v.getDecision() != Decision.REQUIRE_APPROVAL) {
            admitting.remove(request.getRequestId());
          }
        })
        .thenCompose(v -> holdForApproval(v, request.getHeader().getAgent().getId()))
        .thenApply(maskPlans::remember);
  }

  private CompletableFuture<Verdict> holdForApproval(Verdict pending, String agentId) {
    if (pending.getDecision() != Decision.REQUIRE_APPROVAL || pending.getApprovalId() == null
        || approvalHold.isZero() || approvalHold.isNegative()) {
      admitting.remove(pending.getRequestId());
      return CompletableFuture.completedFuture(pending);
    }
    String requestId = pending.getRequestId();
    held.put(requestId, new Held(pending.getApprovalId(), agentId));
    String withdrawn = admitting.remove(requestId);
    if (withdrawn != null && !withdrawn.isEmpty()) {
      // The agent went away before it learnt that the request needs an approval.
      withdraw(requestId, withdrawn);
    }
    return replies.verdict(requestId, approvalHold)
        .handle((decided, error) -> {
          held.remove(requestId);
          return error == null && decided.getDecision() != Decision.REQUIRE_APPROVAL ? decided : pending;
        });
  }

  /**
   * The agent no longer waits for request {@code requestId} (it cancelled the statement, or its
   * connection closed): if the request is held for an approval, records the withdrawal on
   * {@code witness.approval-decisions} so the approval ends CANCELLED and cannot be approved any
   * more. The hold itself ends with the approval's follow-up verdict (a DENY naming the approval)
   * or at the approval hold. A request not held is left alone; completes once the cancel is recorded.
   */
  public CompletableFuture<Void> withdraw(String requestId, String why) {
    Held h = held.remove(requestId);
    if (h == null) {
      // Still waiting for its first verdict: withdrawn as soon as that verdict says it is held.
      admitting.computeIfPresent(requestId, (id, before) -> why == null ? "withdrawn" : why);
      return CompletableFuture.completedFuture(null);
    }
    ApprovalDecision cancel = ApprovalDecision.newBuilder()
        // Derived from the request: a withdrawal delivered twice is one decision.
        .setDecisionId("cancel-" + requestId)
        .setApprovalId(h.approvalId())
        .setChannel("proxy")
        .setApproverId(h.agentId())
        .setApprove(false)
        .setReason(why)
        .setDecidedAt(Instant.now().truncatedTo(ChronoUnit.MICROS))
        .setKind("cancel")
        .build();
    LOG.info("held request withdrawn requestId={} approvalId={} agent={} why=\"{}\"", requestId, h.approvalId(),
        h.agentId(), why);
    CompletableFuture<Void> recorded;
    try {
      recorded = publisher.publish(cancel);
    } catch (RuntimeException e) {
      recorded = CompletableFuture.failedFuture(e);
    }
    return recorded.whenComplete((ok, error) -> {
      if (error != null) {
        // The approval stays pending and expires; nothing was forwarded, so this fails closed.
        LOG.warn("withdrawal not recorded requestId={} approvalId={} error={}", requestId, h.approvalId(),
            unwrap(error).toString());
      }
    });
  }

  /** How many requests are held for an approval right now. */
  public int held() {
    return held.size();
  }

  /**
   * Publishes a raw response chunk, carrying the masking plan its request's verdict named, and
   * completes with its masked form, or fails closed.
   */
  public CompletableFuture<MaskedChunk> mask(ResponseChunk chunk) {
    maskPlans.stamp(chunk);
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
    maskPlans.forget(chunk.getRequestId());
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
