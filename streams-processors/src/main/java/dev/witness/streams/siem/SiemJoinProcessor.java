package dev.witness.streams.siem;

import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.event.EventHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
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
 * Pairs each request with its verdict (whichever arrives first waits in the pending store by
 * request id) and forwards the OCSF event of the pair; forwards logons at once. A request held for
 * approval stays until its follow-up verdict, so the SIEM sees both the hold and the outcome. An
 * allowed request then waits in the allowed store for the masked chunk that settles its response,
 * which yields a second event with the response status. Entries older than the retention (by the
 * Witness event's time, checked on wall-clock time) are dropped: their other half is not coming.
 */
final class SiemJoinProcessor implements Processor<String, SpecificRecord, String, String> {

  private static final Logger log = LoggerFactory.getLogger(SiemJoinProcessor.class);
  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

  private final Clock clock;
  private final String pendingStore;
  private final String allowedStore;
  private final Duration retention;
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, SpecificRecord> pending;
  private KeyValueStore<String, SpecificRecord> allowed;

  SiemJoinProcessor(Clock clock, String pendingStore, String allowedStore, Duration retention) {
    this.clock = clock;
    this.pendingStore = pendingStore;
    this.allowedStore = allowedStore;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.pending = context.getStateStore(pendingStore);
    this.allowed = context.getStateStore(allowedStore);
    context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> purge());
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    switch (record.value()) {
      case RequestIntercepted request -> onRequest(record, request);
      case Verdict verdict -> onVerdict(record, verdict);
      case MaskedChunk chunk -> onChunk(record, chunk);
      case null, default -> { }
    }
  }

  private void onRequest(Record<String, SpecificRecord> record, RequestIntercepted request) {
    forward(record, () -> SiemProjection.ofLogon(request, clock.instant()), request.getRequestId());
    if (request.getAuthentication().getOutcome() == AuthenticationOutcome.FAILED) {
      return;
    }
    if (pending.get(request.getRequestId()) instanceof Verdict verdict) {
      decided(record, request, verdict);
    } else {
      pending.put(request.getRequestId(), request);
    }
  }

  private void onVerdict(Record<String, SpecificRecord> record, Verdict verdict) {
    if (pending.get(verdict.getRequestId()) instanceof RequestIntercepted request) {
      decided(record, request, verdict);
    } else {
      pending.put(verdict.getRequestId(), verdict);
    }
  }

  private void onChunk(Record<String, SpecificRecord> record, MaskedChunk chunk) {
    if (ResponseOutcome.settles(chunk) && allowed.get(chunk.getRequestId()) instanceof RequestIntercepted request) {
      forward(record, () -> SiemProjection.ofResponse(request, chunk, clock.instant()), chunk.getRequestId());
      allowed.delete(chunk.getRequestId());
    }
  }

  private void decided(Record<String, SpecificRecord> record, RequestIntercepted request, Verdict verdict) {
    forward(record, () -> SiemProjection.ofDecision(request, verdict, clock.instant()), request.getRequestId());
    if (verdict.getDecision() == Decision.REQUIRE_APPROVAL) {
      pending.put(request.getRequestId(), request);
      return;
    }
    pending.delete(request.getRequestId());
    if (verdict.getDecision() == Decision.ALLOW) {
      allowed.put(request.getRequestId(), request);
    }
  }

  private void forward(Record<String, SpecificRecord> record, Supplier<Optional<OcsfEvent>> mapping, String requestId) {
    Optional<OcsfEvent> event;
    try {
      event = mapping.get();
    } catch (RuntimeException e) {
      // One odd event must not stop the feed; the ledger still holds it as evidence.
      log.warn("ocsf event skipped reason=mapping-failed requestId={} sessionId={} error={}",
          requestId, record.key(), e.toString());
      return;
    }
    event.ifPresent(e -> {
      context.forward(record.withValue(e.toJson()));
      log.debug("ocsf event classUid={} requestId={} sessionId={}", e.json().get("class_uid"), requestId, record.key());
    });
  }

  private void purge() {
    Instant cutoff = clock.instant().minus(retention);
    int dropped = purge(pending, cutoff) + purge(allowed, cutoff);
    if (dropped > 0) {
      log.info("siem pending entries dropped count={} reason=older-than-retention retention={}", dropped, retention);
    }
  }

  private static int purge(KeyValueStore<String, SpecificRecord> store, Instant cutoff) {
    List<String> stale = new ArrayList<>();
    try (KeyValueIterator<String, SpecificRecord> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, SpecificRecord> entry = all.next();
        boolean old = entry.value == null || EventHeaders.of(entry.value)
            .map(h -> h.getTimestamp().isBefore(cutoff)).orElse(true);
        if (old) {
          stale.add(entry.key);
        }
      }
    }
    stale.forEach(store::delete);
    return stale.size();
  }
}
