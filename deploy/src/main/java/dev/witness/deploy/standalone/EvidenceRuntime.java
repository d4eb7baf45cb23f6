package dev.witness.deploy.standalone;

import dev.witness.evidence.EvidenceService;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;
import javax.sql.DataSource;

/** The evidence service (ledger ingest and auditor API) as standalone runs it. */
final class EvidenceRuntime implements AutoCloseable {

  private final EvidenceService service;

  private EvidenceRuntime(EvidenceService service) {
    this.service = service;
  }

  static EvidenceRuntime start(WitnessConfig config, DataSource evidenceDb, SchemaRegistryClient registry) {
    return new EvidenceRuntime(EvidenceService.start(config.evidence(), evidenceDb, config.kafka().bootstrap(),
        registry, config.apiUsers()));
  }

  String url() {
    return "http://" + service.address().host() + ":" + service.port();
  }

  @Override
  public void close() {
    service.close();
  }
}
