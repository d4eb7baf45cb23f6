package dev.witness.evidence.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.store.SessionRow;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.evidence.support.TestTopics;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The ingestor against the real broker: transactional ledger in, exactly one row per event out. */
class LedgerIngestIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");
  private static final Duration WAIT = Duration.ofSeconds(60);
  /** A topic of its own: entries of other test classes would collide with these chain positions. */
  private static final String TOPIC = "witness.ledger.ingest-it";

  private String bootstrap;
  private EvidenceStore store;
  private Jdbi jdbi;
  private LedgerIngestor ingestor;

  @BeforeEach
  void setUp() throws Exception {
    bootstrap = SharedKafka.bootstrap();
    TestTopics.ensure(bootstrap, TOPIC);
    var dataSource = TestDatabases.migrated("ingest_it");
    store = EvidenceStore.on(dataSource);
    jdbi = Jdbi.create(dataSource);
  }

  @AfterEach
  void tearDown() {
    if (ingestor != null) {
      ingestor.close();
    }
  }

  private LedgerIngestor startIngestor(String group) {
    LedgerIngestor started = new LedgerIngestor(
        LedgerConsumers.create(bootstrap, Map.of("group.id", group)), TOPIC,
        new LedgerRecordConverter(LedgerRecords.REGISTRY), store, Clock.systemUTC(), Duration.ofMillis(100));
    started.start();
    return started;
  }

  /** Writes entries in one Kafka transaction, each to the Kafka partition of its ledger partition. */
  private void produce(String transactionalId, List<LedgerEntry> entries, boolean commit) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    try (var producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      for (LedgerEntry e : entries) {
        String key = EventDocument.headerOf(e.getEvent()).getSessionId();
        producer.send(new ProducerRecord<>(TOPIC, e.getPartition(), key, LedgerRecords.value(e)));
      }
      if (commit) {
        producer.commitTransaction();
      } else {
        producer.flush();
        producer.abortTransaction();
      }
    }
  }

  private long rows(String sessionPrefix) {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ledger_entries WHERE session_id LIKE :p")
        .bind("p", sessionPrefix + "%").mapTo(Long.class).one());
  }

  @Test
  void ingestsCommittedEntriesOnceDespiteRedelivery() throws Exception {
    String run = "run" + System.nanoTime() + "-";
    LedgerChain p0 = new LedgerChain(0);
    LedgerChain p1 = new LedgerChain(1);
    Events a = new Events(run + "a", "agent-1", "http:demo", Protocol.HTTP);
    Events b = new Events(run + "b", "agent-2", "postgres:demo", Protocol.SQL);
    List<LedgerEntry> committed = new ArrayList<>();
    committed.add(p0.append(a.httpRequest("ra1", T0, "{}".getBytes(StandardCharsets.UTF_8), false), T0));
    committed.add(p0.append(a.verdict("ra1", T0.plusMillis(1), Decision.DENY), T0));
    committed.add(p0.append(a.httpRequest("ra2", T0.plusMillis(2), null, true), T0));
    committed.add(p1.append(b.sqlRequest("rb1", T0.plusMillis(3), "SELECT 1"), T0));
    committed.add(p1.append(b.verdict("rb1", T0.plusMillis(4), Decision.ALLOW), T0));
    committed.add(p1.append(b.sqlChunk("rb1", T0.plusMillis(5)), T0));
    LedgerChain aborted = new LedgerChain(1);
    Events c = new Events(run + "c", "agent-3", "http:demo", Protocol.HTTP);
    List<LedgerEntry> abortedEntries = List.of(aborted.append(c.httpRequest("rc", T0, null, false), T0));

    produce(run + "tx-1", committed, true);
    produce(run + "tx-aborted", abortedEntries, false);
    String group = "ingest-it-" + run;
    ingestor = startIngestor(group);
    await().atMost(WAIT).until(() -> rows(run) == 6 && ingestor.status().lag() != null && ingestor.status().lag() == 0);

    // the same entries again, as a producer retry or a replayed transaction would deliver them
    produce(run + "tx-2", committed, true);
    await().atMost(WAIT).until(() -> ingestor.status().duplicates() >= 6 && ingestor.status().lag() == 0);
    assertThat(rows(run)).isEqualTo(6);

    // and everything once more after resetting the consumer group to the beginning
    ingestor.close();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      for (int p = 0; p < TestTopics.LEDGER_PARTITIONS; p++) {
        start.put(new TopicPartition(TOPIC, p), new OffsetAndMetadata(0));
      }
      admin.alterConsumerGroupOffsets(group, start).all().get(30, TimeUnit.SECONDS);
    }
    ingestor = startIngestor(group);
    await().atMost(WAIT).until(() -> ingestor.status().duplicates() >= 12 && ingestor.status().lag() == 0);

    assertThat(rows(run)).isEqualTo(6);
    assertThat(ingestor.status().ingested()).isZero();
    assertThat(ingestor.status().lastIngestedAt()).isNotNull();
    assertThat(store.sessions().find(run + "c")).isEmpty();
    SessionRow sa = store.sessions().find(run + "a").orElseThrow();
    assertThat(sa.eventCount()).isEqualTo(3);
    assertThat(sa.requestCount()).isEqualTo(2);
    assertThat(sa.deniedCount()).isEqualTo(1);
    assertThat(sa.authFailures()).isEqualTo(1);
    assertThat(sa.startedAt()).isEqualTo(T0);
    assertThat(sa.lastEventAt()).isEqualTo(T0.plusMillis(2));
    SessionRow sb = store.sessions().find(run + "b").orElseThrow();
    assertThat(sb.eventCount()).isEqualTo(3);
    assertThat(sb.requestCount()).isEqualTo(1);
    assertThat(sb.deniedCount()).isZero();
    assertThat(sb.protocol()).isEqualTo("SQL");
  }

  @Test
  void stopsCleanlyAndReportsStopped() {
    ingestor = startIngestor("ingest-it-stop-" + System.nanoTime());
    await().atMost(WAIT).until(() -> ingestor.status().lag() != null);
    assertThat(ingestor.status().running()).isTrue();
    ingestor.close();
    assertThat(ingestor.status().state()).isEqualTo(IngestStatus.State.STOPPED);
  }
}
