package dev.witness.evidence.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.witness.embedded.SharedKafka;
import dev.witness.evidence.document.EventDocument;
import dev.witness.evidence.ingest.LedgerConsumers;
import dev.witness.evidence.ingest.LedgerIngestor;
import dev.witness.evidence.ingest.LedgerRecordConverter;
import dev.witness.evidence.store.EvidenceStore;
import dev.witness.evidence.store.NewEntry;
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
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Ingest into PostgreSQL (goal: at least 20,000 events/s): the store's batch append alone, then
 * the whole path from the embedded broker through {@link LedgerIngestor}, with chain checks and
 * session counters. Prints figures; asserts nothing. Run: {@code ./mvnw -q -pl evidence-api
 * -Pbenchmark verify} (entries: {@code -Dbench.ingest.entries=N}, default 200,000).
 */
public final class IngestBenchmark {

  private static final int BATCH = Integer.getInteger("bench.ingest.batch", 500);

  private IngestBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = Integer.getInteger("bench.ingest.entries", 200_000);
    List<LedgerEntry> entries = ledger(n);

    long t0 = System.nanoTime();
    List<NewEntry> converted = new ArrayList<>(n);
    for (LedgerEntry e : entries) {
      converted.add(LedgerRecords.newEntry(e));
    }
    report("convert (serialize + decode + document)", n, t0);

    DataSource storeDb = pooled(TestDatabases.migrated("ingest_bench"));
    EvidenceStore store = EvidenceStore.on(storeDb);
    CpuClock cpu = CpuClock.of(storeDb);
    double[] cpu0 = cpu == null ? null : cpu.now();
    t0 = System.nanoTime();
    for (int i = 0; i < n; i += BATCH) {
      store.append(converted.subList(i, Math.min(n, i + BATCH)));
    }
    report("store.append, batches of " + BATCH, n, t0);
    cpu(cpu, cpu0, n);

    String bootstrap = SharedKafka.bootstrap();
    String topic = "witness.ledger.bench-" + System.nanoTime();
    TestTopics.ensure(bootstrap, topic);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "linger.ms", 10,
        "batch.size", 262_144), new StringSerializer(), new ByteArraySerializer())) {
      for (LedgerEntry e : entries) {
        producer.send(new ProducerRecord<>(topic, e.getPartition(), EventDocument.headerOf(e.getEvent()).getSessionId(),
            LedgerRecords.value(e)));
      }
      producer.flush();
    }
    EvidenceStore fresh = EvidenceStore.on(pooled(TestDatabases.migrated("ingest_bench_kafka")));
    LedgerIngestor ingestor = new LedgerIngestor(LedgerConsumers.create(bootstrap,
        Map.of("group.id", "bench-" + System.nanoTime(), "max.poll.records", 2_000)), topic,
        new LedgerRecordConverter(LedgerRecords.REGISTRY), fresh, Clock.systemUTC(), Duration.ofMillis(100));
    cpu0 = cpu == null ? null : cpu.now();
    t0 = System.nanoTime();
    ingestor.start();
    long last = -1;
    while (ingestor.status().ingested() < n) {
      Thread.sleep(200);
      long done = ingestor.status().ingested();
      if (done / 50_000 != last / 50_000) {
        System.out.printf("  ingested %,d of %,d%n", done, n);
      }
      last = done;
    }
    report("Kafka -> LedgerIngestor -> PostgreSQL", n, t0);
    cpu(cpu, cpu0, n);
    ingestor.close();
    System.out.printf("chain breaks: %d%n", ingestor.status().chainBreaks());
    lag(bootstrap, Integer.getInteger("bench.lag.rate", 2_000), Integer.getInteger("bench.lag.seconds", 20));
    // the embedded broker and database keep non-daemon threads
    System.exit(0);
  }

  /**
   * Ledger-to-queryable lag at a steady rate: records are produced at {@code rate}/s while the
   * ingestor runs; a separate connection polls the store every 5 ms, and each entry's lag is the
   * time from its send to the first poll that sees it (an upper bound, within 5 ms). The poll reads
   * each partition's newest sequence from the primary key's end, so it costs the same at any table
   * size: a {@code GROUP BY} over the table scanned every row 200 times a second and took a core
   * from the ingestor it measured, more the longer the run (its share is printed).
   */
  private static void lag(String bootstrap, int rate, int seconds) throws Exception {
    int n = rate * seconds;
    List<LedgerEntry> entries = ledger(n);
    // encoded before the clock starts: serializing while producing is the benchmark's CPU, not ingest's
    List<byte[]> values = new ArrayList<>(n);
    List<String> keys = new ArrayList<>(n);
    for (LedgerEntry e : entries) {
      values.add(LedgerRecords.value(e));
      keys.add(EventDocument.headerOf(e.getEvent()).getSessionId());
    }
    String topic = "witness.ledger.lag-" + System.nanoTime();
    TestTopics.ensure(bootstrap, topic);
    DataSource db = TestDatabases.migrated("ingest_lag");
    EvidenceStore store = EvidenceStore.on(pooled(db));
    LedgerIngestor ingestor = new LedgerIngestor(LedgerConsumers.create(bootstrap,
        Map.of("group.id", "lag-" + System.nanoTime(), "max.poll.records", 2_000)), topic,
        new LedgerRecordConverter(LedgerRecords.REGISTRY), store, Clock.systemUTC(), Duration.ofMillis(100));
    ingestor.start();
    // index in each partition's send order -> send time
    long[][] sentAt = {new long[n], new long[n]};
    int[] sentPerPartition = new int[2];
    long[] seen = {-1, -1};
    List<Long> lags = new ArrayList<>(n);
    long[] pollNanos = new long[2];
    CpuClock cpu = CpuClock.of(db);
    System.out.printf("lag: producing %,d events at %,d/s for %d s (linger %d ms)...%n", n, rate, seconds,
        Integer.getInteger("bench.lag.linger", 5));
    Thread poller = new Thread(() -> {
      try (java.sql.Connection c = db.getConnection()) {
        java.sql.PreparedStatement ps = c.prepareStatement("SELECT p, (SELECT max(entry_sequence) FROM ledger_entries "
            + "WHERE ledger_partition = p) FROM unnest(ARRAY[0, 1]) AS p");
        while (lags.size() < n && !Thread.currentThread().isInterrupted()) {
          long asked = System.nanoTime();
          try (java.sql.ResultSet rs = ps.executeQuery()) {
            long now = System.nanoTime();
            pollNanos[0] += now - asked;
            pollNanos[1]++;
            while (rs.next()) {
              int p = rs.getInt(1);
              long max = rs.getLong(2);
              if (rs.wasNull()) {
                continue;
              }
              for (long s = seen[p] + 1; s <= max; s++) {
                lags.add(now - sentAt[p][(int) s]);
              }
              seen[p] = Math.max(seen[p], max);
            }
          }
          Thread.sleep(5);
        }
      } catch (Exception e) {
        if (!(e instanceof InterruptedException)) {
          e.printStackTrace();
        }
      }
    }, "lag-poller");
    // The ledger topology writes in transactions, so entries reach the ingestor in bursts per commit;
    // one produce request per entry (linger 0) instead cost this JVM's broker ~0.4 ms of CPU per
    // entry, a fifth of both cores at 2,000/s taken from the ingestor measured. The linger counts in
    // the lag: it runs from send().
    int linger = Integer.getInteger("bench.lag.linger", 5);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "linger.ms",
        linger, "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
      poller.start();
      double[] cpu0 = cpu == null ? null : cpu.now();
      long start = System.nanoTime();
      for (int i = 0; i < n; i++) {
        long due = start + (long) (i * 1e9 / rate);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        LedgerEntry e = entries.get(i);
        int p = e.getPartition();
        // the poller reads sentAt only for sequences it sees stored, which were sent (and written here) before
        sentAt[p][sentPerPartition[p]++] = System.nanoTime();
        producer.send(new ProducerRecord<>(topic, p, keys.get(i), values.get(i)));
      }
      producer.flush();
      poller.join(120_000);
      poller.interrupt();
      cpu(cpu, cpu0, n);
    }
    ingestor.close();
    System.out.printf("  lag poller: %,d queries, mean %.2f ms each%n", pollNanos[1],
        pollNanos[1] == 0 ? 0 : pollNanos[0] / 1e6 / pollNanos[1]);
    long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
    if (sorted.length == 0) {
      System.out.println("lag: nothing became queryable");
      return;
    }
    System.out.printf("ledger-to-queryable lag at %,d events/s over %,d events: p50 %.1f ms, p99 %.1f ms, "
        + "max %.1f ms (seen %,d)%n", rate, n, sorted[sorted.length / 2] / 1e6,
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6,
        sorted[sorted.length - 1] / 1e6, sorted.length);
  }

  /**
   * A pool over {@code db}, as the launcher gives the evidence service (standalone and the
   * evidence-api role): without one every batch would open a new database session.
   */
  private static DataSource pooled(DataSource db) {
    HikariConfig config = new HikariConfig();
    config.setDataSource(db);
    config.setMaximumPoolSize(4);
    config.setPoolName("ingest-bench");
    return new HikariDataSource(config);
  }

  /** CPU per event since {@code start}, of this JVM (broker included) and of PostgreSQL. */
  private static void cpu(CpuClock clock, double[] start, long n) throws java.io.IOException {
    if (clock == null) {
      return;
    }
    double[] end = clock.now();
    System.out.printf("  CPU per event: JVM %.1f us, PostgreSQL %.1f us (load average %s)%n",
        (end[0] - start[0]) * 1e6 / n, (end[1] - start[1]) * 1e6 / n, loadAverage());
  }

  private static String loadAverage() throws java.io.IOException {
    return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
  }

  private static void report(String what, long n, long startNanos) {
    double seconds = (System.nanoTime() - startNanos) / 1e9;
    System.out.printf("%-45s %,9d events in %6.2f s = %,9.0f events/s%n", what, n, seconds, n / seconds);
  }

  /** Sessions of ten requests with verdicts and masked responses, over two partitions. */
  static List<LedgerEntry> ledger(int n) {
    Instant t = Instant.parse("2025-03-01T10:00:00Z");
    LedgerChain[] chains = {new LedgerChain(0), new LedgerChain(1)};
    List<LedgerEntry> entries = new ArrayList<>(n);
    byte[] body = "{\"id\":1,\"email\":\"j***@example.com\",\"card\":\"**** **** **** 4242\"}"
        .getBytes(StandardCharsets.UTF_8);
    int session = 0;
    while (entries.size() < n) {
      LedgerChain chain = chains[session % 2];
      Events e = new Events("bench-s" + session, "agent-" + (session % 7), "http:demo", Protocol.HTTP);
      for (int r = 0; r < 10 && entries.size() < n; r++) {
        Instant at = t.plusMillis(entries.size());
        String id = "s" + session + "r" + r;
        entries.add(chain.append(e.httpRequest(id, at, null, false), at));
        if (entries.size() < n) {
          entries.add(chain.append(e.verdict(id, at, r == 9 ? Decision.DENY : Decision.ALLOW), at));
        }
        if (entries.size() < n && r != 9) {
          entries.add(chain.append(e.httpChunk(id, at, 0, true, body), at));
        }
      }
      session++;
    }
    return entries;
  }
}
