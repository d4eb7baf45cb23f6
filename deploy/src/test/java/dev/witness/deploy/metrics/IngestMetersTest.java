package dev.witness.deploy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.evidence.ingest.IngestStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class IngestMetersTest {

  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void reportsLagAgeAndCountsFromTheIngestorsStatus() {
    AtomicReference<IngestStatus> status = new AtomicReference<>(
        new IngestStatus(IngestStatus.State.NEW, 0, 0, 0, null, null, null));
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    IngestMeters meters = new IngestMeters(status::get, Clock.fixed(NOW, ZoneOffset.UTC));
    meters.bindTo(registry);
    assertThat(registry.scrape()).contains("witness_evidence_ingest_lag_records NaN")
        .contains("witness_evidence_ingest_running 0.0");

    status.set(new IngestStatus(IngestStatus.State.RUNNING, 42, 3, 0, NOW.minusSeconds(5), 7L, null));
    assertThat(registry.scrape()).contains("witness_evidence_ingest_lag_records 7.0")
        .contains("witness_evidence_ingest_age_seconds 5.0")
        .contains("witness_evidence_ingest_running 1.0")
        .contains("witness_evidence_ingested_total 42.0")
        .contains("witness_evidence_ingest_duplicates_total 3.0");
    assertThat(meters).isNotNull();
  }
}
