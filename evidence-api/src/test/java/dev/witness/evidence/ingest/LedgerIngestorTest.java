package dev.witness.evidence.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.LedgerSink;
import dev.witness.evidence.store.NewEntry;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LedgerIngestorTest {

  private static final String TOPIC = Topics.LEDGER.name();
  private static final TopicPartition TP = new TopicPartition(TOPIC, 0);
  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private final AvroEventSerializer<LedgerEntry> serializer = new AvroEventSerializer<>(registry);
  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
  private final Events events = new Events("s-1", "agent-7", "http:demo", Protocol.HTTP);
  private final LedgerChain chain = new LedgerChain(0);
  private LedgerIngestor ingestor;

  @AfterEach
  void stop() {
    if (ingestor != null) {
      ingestor.close();
    }
  }

  /** Stores event ids like the real store: idempotently. */
  private static final class RecordingSink implements LedgerSink {
    final Set<String> stored = new HashSet<>();
    final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    final AtomicInteger failuresLeft = new AtomicInteger();

    @Override
    public synchronized AppendResult append(List<NewEntry> entries) {
      if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("database down");
      }
      batchSizes.add(entries.size());
      int inserted = 0;
      for (NewEntry e : entries) {
        inserted += stored.add(e.row().eventId()) ? 1 : 0;
      }
      return new AppendResult(inserted, entries.size() - inserted);
    }

    synchronized int count() {
      return stored.size();
    }
  }

  private void startWith(RecordingSink sink) {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(TP));
      consumer.updateBeginningOffsets(Map.of(TP, 0L));
      consumer.updateEndOffsets(Map.of(TP, 0L));
    });
    ingestor = new LedgerIngestor(consumer, TOPIC, new LedgerRecordConverter(registry), sink,
        Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(10));
    ingestor.start();
    await().until(() -> !consumer.assignment().isEmpty());
  }

  private List<ConsumerRecord<String, byte[]>> records(int count) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LedgerEntry entry = chain.append(events.verdict("r" + i, NOW, Decision.ALLOW), NOW);
      out.add(new ConsumerRecord<>(TOPIC, 0, entry.getEntrySequence(), "s-1", serializer.serialize(TOPIC, entry)));
    }
    return out;
  }

  private void deliver(List<ConsumerRecord<String, byte[]>> records) {
    consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
  }

  @Test
  void storesBatchAndCommitsOffsetsAfterwards() {
    RecordingSink sink = new RecordingSink();
    startWith(sink);
    deliver(records(3));

    await().until(() -> consumer.committed(Set.of(TP)).get(TP) != null);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(3);
    assertThat(sink.count()).isEqualTo(3);
    IngestStatus status = ingestor.status();
    assertThat(status.state()).isEqualTo(IngestStatus.State.RUNNING);
    assertThat(status.ingested()).isEqualTo(3);
    assertThat(status.lastIngestedAt()).isEqualTo(NOW);
    assertThat(status.running()).isTrue();
  }

  @Test
  void keepsStoringWhileTheCommonPoolIsBusy() throws Exception {
    // Every common-pool worker blocked, as by callers' runAsync of statements held for approval.
    CountDownLatch release = new CountDownLatch(1);
    int workers = ForkJoinPool.commonPool().getParallelism() + 1;
    List<CompletableFuture<Void>> blockers = new ArrayList<>();
    for (int i = 0; i < workers; i++) {
      blockers.add(CompletableFuture.runAsync(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    try {
      RecordingSink sink = new RecordingSink();
      startWith(sink);
      deliver(records(100));
      await().atMost(Duration.ofSeconds(20)).until(() -> sink.count() == 100);
    } finally {
      release.countDown();
      CompletableFuture.allOf(blockers.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void failedBatchIsNotCommittedAndIsRetriedFromItsStart() {
    RecordingSink sink = new RecordingSink();
    sink.failuresLeft.set(1);
    startWith(sink);
    List<ConsumerRecord<String, byte[]>> batch = records(2);
    deliver(batch);

    await().until(() -> ingestor.status().state() == IngestStatus.State.RETRYING);
    assertThat(ingestor.status().lastError()).contains("database down");
    assertThat(consumer.committed(Set.of(TP)).get(TP)).isNull();
    await().until(() -> consumer.position(TP) == 0);

    // MockConsumer forgets polled records; the broker would serve them again from the rewound position
    deliver(batch);
    await().until(() -> consumer.committed(Set.of(TP)).get(TP) != null);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(2);
    assertThat(sink.count()).isEqualTo(2);
    assertThat(ingestor.status().lastError()).isNull();
    assertThat(ingestor.status().state()).isEqualTo(IngestStatus.State.RUNNING);
  }

  @Test
  void redeliveredRecordsAreCountedAsDuplicates() {
    RecordingSink sink = new RecordingSink();
    startWith(sink);
    List<ConsumerRecord<String, byte[]>> batch = records(2);
    deliver(batch);
    await().until(() -> ingestor.status().ingested() == 2);

    // the same entries again at later offsets, as after a producer retry or a group reset
    List<ConsumerRecord<String, byte[]>> again = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : batch) {
      again.add(new ConsumerRecord<>(TOPIC, 0, r.offset() + 2, r.key(), r.value()));
    }
    deliver(again);

    await().until(() -> ingestor.status().duplicates() == 2);
    assertThat(sink.count()).isEqualTo(2);
    assertThat(consumer.committed(Set.of(TP)).get(TP).offset()).isEqualTo(4);
  }

  @Test
  void closeStopsTheThreadAndClosesTheConsumer() {
    startWith(new RecordingSink());
    ingestor.close();
    assertThat(ingestor.status().state()).isEqualTo(IngestStatus.State.STOPPED);
    assertThat(ingestor.status().running()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }
}
