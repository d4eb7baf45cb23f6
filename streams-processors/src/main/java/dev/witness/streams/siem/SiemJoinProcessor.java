package dev.witness.streams.siem;

import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pairs each request with its verdict (whichever arrives first waits in a store by request id) and
 * forwards the OCSF event of the pair; forwards logons at once. A request held for approval stays
 * until its follow-up verdict, so the SIEM sees both the hold and the outcome.
 */
final class SiemJoinProcessor implements Processor<String, SpecificRecord, String, String> {

  private static final Logger log = LoggerFactory.getLogger(SiemJoinProcessor.class);

  private final Clock clock;
  private final String storeName;
  private ProcessorContext<String, String> context;
  private KeyValueStore<String, SpecificRecord> pending;

  SiemJoinProcessor(Clock clock, String storeName) {
    this.clock = clock;
    this.storeName = storeName;
  }

  @Override
  public void init(ProcessorContext<String, String> context) {
    this.context = context;
    this.pending = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<String, SpecificRecord> record) {
    switch (record.value()) {
      case RequestIntercepted request -> onRequest(record, request);
      case Verdict verdict -> onVerdict(record, verdict);
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

  private void decided(Record<String, SpecificRecord> record, RequestIntercepted request, Verdict verdict) {
    forward(record, () -> SiemProjection.ofDecision(request, verdict, clock.instant()), request.getRequestId());
    if (verdict.getDecision() == Decision.REQUIRE_APPROVAL) {
      pending.put(request.getRequestId(), request);
    } else {
      pending.delete(request.getRequestId());
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
}
