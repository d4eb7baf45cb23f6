package dev.witness.deploy.metrics;

import dev.witness.evidence.ingest.IngestStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The evidence API's ledger ingest as meters: how far it is behind the ledger, how long since it
 * stored a batch, and what it stored (chain breaks are counted by the ingestor itself).
 */
public final class IngestMeters implements MeterBinder {

  private final Supplier<IngestStatus> status;
  private final Clock clock;

  public IngestMeters(Supplier<IngestStatus> status) {
    this(status, Clock.systemUTC());
  }

  IngestMeters(Supplier<IngestStatus> status, Clock clock) {
    this.status = status;
    this.clock = clock;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("witness.evidence.ingest.lag", this, m -> {
      Long lag = m.status.get().lag();
      return lag == null ? Double.NaN : lag;
    }).description("ledger records not yet stored, over the assigned partitions").baseUnit("records").register(registry);
    Gauge.builder("witness.evidence.ingest.age", this, m -> {
      IngestStatus s = m.status.get();
      return s.lastIngestedAt() == null ? Double.NaN : Duration.between(s.lastIngestedAt(), m.clock.instant()).toMillis() / 1000.0;
    }).description("time since the last stored batch").baseUnit("seconds").register(registry);
    Gauge.builder("witness.evidence.ingest.running", this, m -> m.status.get().running() ? 1 : 0)
        .description("1 while the ledger ingestor consumes").register(registry);
    FunctionCounter.builder("witness.evidence.ingested", this, m -> m.status.get().ingested())
        .description("ledger entries stored since start").register(registry);
    FunctionCounter.builder("witness.evidence.ingest.duplicates", this, m -> m.status.get().duplicates())
        .description("re-delivered ledger entries skipped since start").register(registry);
  }
}
