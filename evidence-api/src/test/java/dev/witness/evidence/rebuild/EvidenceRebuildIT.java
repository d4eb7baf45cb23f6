package dev.witness.evidence.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.witness.embedded.SharedKafka;
import dev.witness.evidence.api.ApiAuthenticator;
import dev.witness.evidence.api.EvidenceApi;
import dev.witness.evidence.api.ReadinessProbe.Readiness;
import dev.witness.evidence.checkpoint.CheckpointIngestor;
import dev.witness.evidence.checkpoint.CheckpointStore;
import dev.witness.evidence.document.DocumentJson;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.ingest.IngestStatus;
import dev.witness.evidence.ingest.LedgerConsumers;
import dev.witness.evidence.ingest.LedgerIngestor;
import dev.witness.evidence.ingest.LedgerRecordConverter;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.support.Checkpoints;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.evidence.support.TestTopics;
import dev.witness.schemas.config.ApiUserConfig;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.serde.AvroEventSerializer;
import io.javalin.testtools.JavalinTest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import okhttp3.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Ingest, snapshot every view, rebuild from the topics, and the views are byte for byte the same. */
class EvidenceRebuildIT {

  private static final String LEDGER = "witness.ledger.rebuild-it";
  private static final String CHECKPOINTS = "witness.checkpoints.rebuild-it";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final SigningKey KEY = SigningKeys.generate();
  private static final TrustedKeys TRUSTED = TrustedKeys.of(KEY.publicKey());
  private static final ApiAuthenticator AUTH = new ApiAuthenticator(List.of(
      new ApiUserConfig("alice", sha256Hex("t"), List.of("auditor"))));

  private static String sha256Hex(String token) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void rebuiltStoreServesTheSameBytes() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    TestTopics.ensure(bootstrap, LEDGER);
    TestTopics.ensure(bootstrap, CHECKPOINTS);
    DataSource dataSource = TestDatabases.migrated("rebuild_it");
    EvidenceStore store = EvidenceStore.on(dataSource);
    CheckpointStore checkpoints = new CheckpointStore(store.jdbi(), TRUSTED);

    List<LedgerEntry> entries = ledger();
    Checkpoint checkpoint = Checkpoints.over(entries, T0.plusSeconds(100), KEY);
    produce(bootstrap, entries, checkpoint);

    String group = "rebuild-it-" + System.nanoTime();
    LedgerIngestor ingestor = new LedgerIngestor(LedgerConsumers.create(bootstrap, Map.of("group.id", group)),
        LEDGER, new LedgerRecordConverter(LedgerRecords.REGISTRY), store, Clock.systemUTC(), Duration.ofMillis(100));
    CheckpointIngestor checkpointIngestor = new CheckpointIngestor(
        CheckpointIngestor.consumer(bootstrap, Map.of("group.id", group + "-cp")), CHECKPOINTS,
        LedgerRecords.REGISTRY, checkpoints, Duration.ofMillis(100));
    try {
      ingestor.start();
      checkpointIngestor.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> store.ledger().count() == entries.size()
          && checkpointIngestor.stored() == 1);
    } finally {
      ingestor.close();
      checkpointIngestor.close();
    }
    String before = snapshot(store, checkpoints);
    assertThat(before).contains("\"treeSize\":" + entries.size()).contains("\"kind\":\"end\"");

    // the view drifts (sessions is derived, not append-only): a rebuild must put it right
    Jdbi.create(dataSource).useHandle(h -> h.execute("UPDATE sessions SET purpose = 'drifted'"));
    assertThat(snapshot(store, checkpoints)).isNotEqualTo(before);

    List<RebuildProgress> progress = new ArrayList<>();
    RebuildResult result = EvidenceRebuild.run(dataSource, bootstrap, Map.of(), LedgerRecords.REGISTRY, TRUSTED,
        LEDGER, CHECKPOINTS, progress::add);

    assertThat(result.ledgerInserted()).isEqualTo(entries.size());
    assertThat(result.chainBreaks()).isZero();
    assertThat(result.checkpointsStored()).isEqualTo(1);
    assertThat(progress).isNotEmpty();
    assertThat(progress.get(progress.size() - 1).records()).isEqualTo(progress.get(progress.size() - 1).total());
    String after = snapshot(EvidenceStore.on(dataSource), new CheckpointStore(store.jdbi(), TRUSTED));
    assertThat(after).isEqualTo(before);
  }

  private static List<LedgerEntry> ledger() {
    LedgerChain p0 = new LedgerChain(0);
    LedgerChain p1 = new LedgerChain(1);
    List<LedgerEntry> entries = new ArrayList<>();
    for (int s = 0; s < 6; s++) {
      LedgerChain chain = s % 2 == 0 ? p0 : p1;
      Instant at = T0.plusSeconds(s * 10L);
      Events e = new Events("rb-s" + s, "agent-" + (s % 3), s % 2 == 0 ? "http:demo" : "postgres:demo",
          s % 2 == 0 ? Protocol.HTTP : Protocol.SQL);
      String r = "req" + s;
      entries.add(chain.append(s % 2 == 0 ? e.httpRequest(r, at, "{}".getBytes(StandardCharsets.UTF_8), s == 4)
          : e.sqlRequest(r, at, "SELECT * FROM customers"), at));
      entries.add(chain.append(e.verdict(r, at.plusMillis(1), s == 2 ? Decision.DENY
          : s == 3 ? Decision.REQUIRE_APPROVAL : Decision.ALLOW), at));
      if (s == 3) {
        entries.add(chain.append(e.approvalRequested(r, "ap3", at.plusMillis(2)), at));
        entries.add(chain.append(e.approvalDecided("ap3", at.plusMillis(3)), at));
      }
      entries.add(chain.append(s % 2 == 0 ? e.httpChunk(r, at.plusMillis(4), 0, true,
          "{\"email\":\"[REDACTED]\"}".getBytes(StandardCharsets.UTF_8)) : e.sqlChunk(r, at.plusMillis(4)), at));
    }
    return entries;
  }

  private static void produce(String bootstrap, List<LedgerEntry> entries, Checkpoint checkpoint) throws Exception {
    var checkpointSerializer = new AvroEventSerializer<Checkpoint>(LedgerRecords.REGISTRY);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      for (LedgerEntry e : entries) {
        producer.send(new ProducerRecord<>(LEDGER, e.getPartition(),
            EventDocument.headerOf(e.getEvent()).getSessionId(), LedgerRecords.value(e))).get();
      }
      producer.send(new ProducerRecord<>(CHECKPOINTS, 0, null,
          checkpointSerializer.serialize(CHECKPOINTS, checkpoint))).get();
    }
  }

  /** Every auditor view of the store, concatenated as served. */
  private static String snapshot(EvidenceStore store, CheckpointStore checkpoints) {
    StringBuilder out = new StringBuilder();
    JavalinTest.test(EvidenceApi.create(store, checkpoints, TRUSTED, AUTH,
        () -> new Readiness(true, new IngestStatus(IngestStatus.State.RUNNING, 0, 0, 0, null, 0L, null))),
        (server, client) -> {
          String sessions = body(client, "/v1/sessions?limit=1000");
          out.append(sessions).append('\n');
          for (JsonNode s : DocumentJson.mapper().readTree(sessions).get("sessions")) {
            String id = s.get("sessionId").asText();
            out.append(body(client, "/v1/sessions/" + id)).append('\n');
            out.append(body(client, "/v1/sessions/" + id + "/events?limit=1000")).append('\n');
            out.append(body(client, "/v1/sessions/" + id + "/replay")).append('\n');
          }
          String events = body(client, "/v1/events?limit=1000");
          out.append(events).append('\n');
          out.append(body(client, "/v1/checkpoints/latest")).append('\n');
          for (JsonNode e : DocumentJson.mapper().readTree(events).get("events")) {
            out.append(body(client, "/v1/events/" + e.get("eventId").asText() + "/proof")).append('\n');
          }
        });
    return out.toString();
  }

  private static String body(io.javalin.testtools.HttpClient client, String path) throws java.io.IOException {
    try (Response r = client.get(path, req -> req.header("Authorization", "Bearer t"))) {
      assertThat(r.code()).as(path).isEqualTo(200);
      return r.body().string();
    }
  }
}
