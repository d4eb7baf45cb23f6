package dev.witness.evidence.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.store.LedgerSink;
import dev.witness.evidence.store.NewEntry;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.evidence.support.TestTopics;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The ingest thread dies mid-stream — once after its database commit but before the offset
 * commit, once before the database commit — and a new ingestor takes over: every entry is stored
 * exactly once, no chain position is missing, no session is counted twice.
 */
class LedgerCrashIT {

  private static final String TOPIC = "witness.ledger.crash-it";
  private static final int PER_PARTITION = 600;
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final AtomicInteger REDELIVERED = new AtomicInteger();

  /** What a killed process leaves: no catch in the ingestor handles it, nothing more is committed. */
  private static final class Killed extends Error {
    Killed() {
      super("killed", null, false, false);
    }
  }

  /** Delegates to the store, and dies on its n-th batch before or after the database commit. */
  private static final class DyingSink implements LedgerSink {
    private final LedgerSink store;
    private final int dieAt;
    private final boolean afterCommit;
    private final AtomicInteger batches = new AtomicInteger();
    private final CountDownLatch died = new CountDownLatch(1);

    DyingSink(LedgerSink store, int dieAt, boolean afterCommit) {
      this.store = store;
      this.dieAt = dieAt;
      this.afterCommit = afterCommit;
    }

    @Override
    public AppendResult append(List<NewEntry> entries) {
      if (batches.incrementAndGet() < dieAt) {
        AppendResult result = store.append(entries);
        REDELIVERED.addAndGet(result.duplicates());
        return result;
      }
      if (afterCommit) {
        store.append(entries);
      }
      died.countDown();
      throw new Killed();
    }
  }

  @Test
  void noDuplicatesAndNoGapsAfterCrashes() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    TestTopics.ensure(bootstrap, TOPIC);
    var dataSource = TestDatabases.migrated("crash_it");
    EvidenceStore store = EvidenceStore.on(dataSource);
    Jdbi jdbi = Jdbi.create(dataSource);
    produce(bootstrap);
    String group = "crash-it-" + System.nanoTime();

    for (boolean afterCommit : new boolean[] {true, false}) {
      DyingSink dying = new DyingSink(store, 3, afterCommit);
      LedgerIngestor doomed = ingestor(bootstrap, group, dying);
      doomed.start();
      assertThat(dying.died.await(60, TimeUnit.SECONDS)).isTrue();
      doomed.close();
    }
    long storedBeforeRecovery = store.ledger().count();
    assertThat(storedBeforeRecovery).isBetween(1L, 2L * PER_PARTITION - 1);

    LedgerIngestor survivor = ingestor(bootstrap, group, store);
    try {
      survivor.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> store.ledger().count() == 2L * PER_PARTITION
          && survivor.status().lag() != null && survivor.status().lag() == 0);
      assertThat(REDELIVERED.get() + survivor.status().duplicates())
          .as("the batch stored before the first crash came again").isPositive();
    } finally {
      survivor.close();
    }

    for (int p = 0; p < 2; p++) {
      int partition = p;
      List<Long> stats = jdbi.withHandle(h -> h.createQuery("""
              SELECT count(*), count(DISTINCT entry_sequence), min(entry_sequence), max(entry_sequence)
              FROM ledger_entries WHERE ledger_partition = :p""")
          .bind("p", partition)
          .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
          .one());
      assertThat(stats).as("partition " + p).containsExactly((long) PER_PARTITION, (long) PER_PARTITION, 0L,
          PER_PARTITION - 1L);
    }
    long alerts = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM chain_alerts").mapTo(Long.class).one());
    assertThat(alerts).isZero();
    long counted = jdbi.withHandle(h -> h.createQuery("SELECT sum(event_count) FROM sessions").mapTo(Long.class).one());
    assertThat(counted).isEqualTo(2L * PER_PARTITION);
  }

  private static LedgerIngestor ingestor(String bootstrap, String group, LedgerSink sink) {
    return new LedgerIngestor(LedgerConsumers.create(bootstrap, Map.of("group.id", group, "max.poll.records", 150)),
        TOPIC, new LedgerRecordConverter(LedgerRecords.REGISTRY), sink, Clock.systemUTC(), Duration.ofMillis(100));
  }

  private static void produce(String bootstrap) throws Exception {
    List<LedgerEntry> entries = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      LedgerChain chain = new LedgerChain(p);
      for (int i = 0; i < PER_PARTITION / 2; i++) {
        Events e = new Events("crash-" + p + "-" + (i / 10), "agent", "http:demo", Protocol.HTTP);
        Instant at = T0.plusMillis(i);
        entries.add(chain.append(e.httpRequest("r" + i, at, null, false), at));
        entries.add(chain.append(e.verdict("r" + i, at, Decision.ALLOW), at));
      }
    }
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "linger.ms", 5),
        new StringSerializer(), new ByteArraySerializer())) {
      for (LedgerEntry e : entries) {
        producer.send(new ProducerRecord<>(TOPIC, e.getPartition(), EventDocument.headerOf(e.getEvent()).getSessionId(),
            LedgerRecords.value(e)));
      }
      producer.flush();
    }
  }
}
