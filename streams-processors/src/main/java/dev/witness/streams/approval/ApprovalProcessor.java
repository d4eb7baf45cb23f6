package dev.witness.streams.approval;

import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalRequested;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link ApprovalStateMachine} over approval requests and decisions (keyed by approval
 * id), keeps each approval in a store, and on every final state forwards the final event (keyed by
 * approval id) and the follow-up verdict of the held request (keyed by session id). A wall-clock
 * punctuator expires pending approvals and forgets final ones after {@code retention}.
 */
final class ApprovalProcessor implements Processor<String, SpecificRecord, String, SpecificRecord> {

  private static final Logger log = LoggerFactory.getLogger(ApprovalProcessor.class);

  private final ApprovalStateMachine machine;
  private final Clock clock;
  private final Duration expiryCheck;
  private final Duration retention;
  private final String storeName;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, StoredApproval> store;

  ApprovalProcessor(ApprovalStateMachine machine, Clock clock, Duration expiryCheck, Duration retention, String storeName) {
    this.machine = machine;
    this.clock = clock;
    this.expiryCheck = expiryCheck;
    this.retention = retention;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    context.schedule(expiryCheck, PunctuationType.WALL_CLOCK_TIME, this::expireDue);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    switch (record.value()) {
      case ApprovalRequested requested -> open(requested);
      case ApprovalDecision decision -> decide(decision);
      // Its own ApprovalDecided/ApprovalExpired come back through witness.approvals.
      case null, default -> { }
    }
  }

  private void open(ApprovalRequested requested) {
    if (store.get(requested.getApprovalId()) != null) {
      return; // The same request decided again after a restart: its approval already exists.
    }
    store.put(requested.getApprovalId(), ApprovalEvents.stored(requested));
    log.info("approval pending approvalId={} requestId={} quorum={} group={} expiresAt={}",
        requested.getApprovalId(), requested.getRequestId(), requested.getQuorum(), requested.getApproverGroup(),
        requested.getExpiresAt());
  }

  private void decide(ApprovalDecision decision) {
    StoredApproval stored = store.get(decision.getApprovalId());
    if (stored == null) {
      log.warn("decision ignored reason=unknown-approval approvalId={} decisionId={} approver={}",
          decision.getApprovalId(), decision.getDecisionId(), decision.getApproverId());
      return;
    }
    Transition t = machine.decide(stored.state(), ApprovalEvents.vote(decision), nowMicros());
    if (t.refusal() != null) {
      log.warn("decision refused approvalId={} decisionId={} approver={} why={}",
          decision.getApprovalId(), decision.getDecisionId(), decision.getApproverId(), t.refusal().why());
    }
    apply(stored, t);
  }

  private void expireDue(long wallClockMs) {
    long now = wallClockMs * 1_000;
    List<KeyValue<String, StoredApproval>> due = new ArrayList<>();
    List<String> forgotten = new ArrayList<>();
    try (KeyValueIterator<String, StoredApproval> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, StoredApproval> entry = all.next();
        ApprovalState state = entry.value.state();
        if (!state.status().isFinal() && now >= state.expiresAtMicros()) {
          due.add(entry);
        } else if (state.status().isFinal()
            && now >= Math.max(state.decidedAtMicros(), state.grantExpiresAtMicros()) + retention.toNanos() / 1_000) {
          forgotten.add(entry.key);
        }
      }
    }
    due.forEach(entry -> apply(entry.value, machine.expire(entry.value.state(), now)));
    forgotten.forEach(store::delete);
  }

  private void apply(StoredApproval stored, Transition t) {
    if (!t.changed()) {
      return;
    }
    StoredApproval updated = stored.with(t.after());
    if (!t.becameFinal()) {
      store.put(updated.state().approvalId(), updated);
      return;
    }
    ApprovalState state = updated.state();
    long timestamp = context.currentSystemTimeMs();
    SpecificRecord finalEvent = state.status() == ApprovalStatus.EXPIRED
        ? ApprovalEvents.expired(updated, clock) : ApprovalEvents.decided(updated, clock);
    context.forward(new Record<>(state.approvalId(), finalEvent, timestamp));
    log.info("approval final approvalId={} status={} approvers={} refused={}",
        state.approvalId(), state.status(), state.votes().size(), state.refused().size());
    if (updated.subject().replyPartition() >= 0) {
      context.forward(new Record<>(updated.subject().sessionId(), ApprovalEvents.followUp(updated, clock), timestamp));
    }
    // Stored after forwarding: if a crash loses one of them, the final events come again (same
    // derived event ids, so consumers drop the copy) rather than never.
    store.put(state.approvalId(), updated);
  }

  private long nowMicros() {
    return context.currentSystemTimeMs() * 1_000;
  }
}
