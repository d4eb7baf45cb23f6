package dev.witness.connectors.slack;

import dev.witness.connectors.approvals.ApprovalFeed;
import dev.witness.connectors.approvals.RetryLaterException;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.registry.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code witness.approvals}: posts each new approval request to the approver channel and,
 * when the approval ends, rewrites that message to say who decided and when, without buttons.
 *
 * <p>At-least-once ({@link ApprovalFeed}): an event counts as handled only after Slack accepted the
 * call and the message's place is stored ({@link SlackMessageStore}); a request already posted is
 * not posted again. When Slack is unreachable or refuses for a reason an operator can fix, the
 * event is retried with backoff (nothing is skipped); requests that already expired are not posted.
 */
public final class SlackApprovalNotifier implements ApprovalFeed.Listener, AutoCloseable {

  /** Consumer group of the notifier; one group member per partition of {@code witness.approvals}. */
  public static final String GROUP_ID = "witness-slack-notifier";

  private static final Logger log = LoggerFactory.getLogger(SlackApprovalNotifier.class);

  private final ApprovalFeed feed;
  private final SlackMessageStore store;
  private final SlackWebApi slack;
  private final String channel;
  private final Clock clock;

  /**
   * @param bootstrap Kafka bootstrap servers
   * @param channel the approver channel (id preferred)
   * @param initialBackoff first wait before retrying a failed Slack call; doubles up to 30 s
   */
  public SlackApprovalNotifier(String bootstrap, SchemaRegistryClient registry, SlackMessageStore store,
      SlackWebApi slack, String channel, Clock clock, Duration initialBackoff) {
    this.store = store;
    this.slack = slack;
    this.channel = channel;
    this.clock = clock;
    this.feed = new ApprovalFeed(bootstrap, registry, GROUP_ID, this, initialBackoff);
  }

  /** Starts following the topic on its own thread. */
  public void start() {
    feed.start();
  }

  @Override
  public void onAssigned() {
    // Another member may have posted messages for these partitions: read their places afresh.
    store.load();
  }

  @Override
  public void onEvent(String approvalId, SpecificRecord event) {
    try {
      handle(event);
    } catch (SlackCallFailedException e) {
      if (e.retryable()) {
        throw new RetryLaterException(e.method() + ": " + e.error(), e);
      }
      log.error("slack refused approval message, skipped approvalId={} method={} error={}", approvalId, e.method(), e.error());
    } catch (SlackMessageStore.StoreUnavailableException e) {
      throw new RetryLaterException("slack message store: " + e.getMessage(), e);
    }
  }

  /** Applies one approval event to Slack. */
  void handle(SpecificRecord event) {
    if (event instanceof ApprovalRequested requested) {
      onRequested(requested);
    } else if (event instanceof ApprovalDecided decided) {
      finish(decided.getApprovalId(), "decided", ref -> slack.updateMessage(ref.channel(), ref.ts(),
          ApprovalMessages.decidedText(ref.view(), decided), ApprovalMessages.decided(ref.view(), decided)));
    } else if (event instanceof ApprovalExpired expired) {
      finish(expired.getApprovalId(), "expired", ref -> slack.updateMessage(ref.channel(), ref.ts(),
          ApprovalMessages.expiredText(ref.view()), ApprovalMessages.expired(ref.view(), expired.getHeader().getTimestamp())));
    }
  }

  private void onRequested(ApprovalRequested requested) {
    String approvalId = requested.getApprovalId();
    if (store.get(approvalId).isPresent()) {
      log.debug("approval already posted approvalId={}", approvalId);
      return;
    }
    if (requested.getExpiresAt() != null && !requested.getExpiresAt().isAfter(clock.instant())) {
      log.info("approval request already expired, not posted approvalId={}", approvalId);
      return;
    }
    ApprovalView view = ApprovalView.of(requested);
    SlackWebApi.Posted posted = slack.postMessage(channel, ApprovalMessages.requestedText(view), ApprovalMessages.requested(view));
    store.put(approvalId, new SlackMessageRef(posted.channel(), posted.ts(), view));
    log.info("approval posted to slack approvalId={} channel={} ts={}", approvalId, posted.channel(), posted.ts());
  }

  private void finish(String approvalId, String what, Consumer<SlackMessageRef> update) {
    Optional<SlackMessageRef> ref = store.get(approvalId);
    if (ref.isEmpty()) {
      // Posted by no notifier (Slack not configured then) or already finished: nothing to update.
      log.info("no slack message for approval, nothing to update approvalId={} event={}", approvalId, what);
      return;
    }
    try {
      update.accept(ref.get());
    } catch (SlackCallFailedException e) {
      if (e.retryable()) {
        throw e;
      }
      // The message is gone or can no longer be edited; the approval itself is final either way.
      log.warn("slack message not updated approvalId={} error={}", approvalId, e.error());
    }
    store.remove(approvalId);
    log.info("approval message updated approvalId={} event={} channel={} ts={}", approvalId, what,
        ref.get().channel(), ref.get().ts());
  }

  @Override
  public void close() {
    feed.close();
  }
}
