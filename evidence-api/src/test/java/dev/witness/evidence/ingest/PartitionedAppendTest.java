package dev.witness.evidence.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.chain.ChainBreak;
import dev.witness.evidence.store.AppendResult;
import dev.witness.evidence.store.LedgerSink;
import dev.witness.evidence.store.NewEntry;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class PartitionedAppendTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  /** Entries alternating over {@code partitions} ledger partitions, each partition's chain in order. */
  private static List<NewEntry> entries(int count, int partitions) {
    List<LedgerChain> chains = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      chains.add(new LedgerChain(p));
    }
    Events events = new Events("s-1", "agent-1", "http:demo", Protocol.HTTP);
    List<NewEntry> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(LedgerRecords.newEntry(chains.get(i % partitions).append(events.verdict("r" + i, NOW, Decision.ALLOW),
          NOW)));
    }
    return out;
  }

  @Test
  void everyPartitionStaysWholeAndInOrderInOneGroup() {
    List<NewEntry> entries = entries(30, 3);

    List<List<NewEntry>> groups = PartitionedAppend.groups(entries, 2);

    assertThat(groups).hasSize(2);
    assertThat(groups.get(0)).extracting(e -> e.row().ledgerPartition()).containsOnly(0, 2);
    assertThat(groups.get(1)).extracting(e -> e.row().ledgerPartition()).containsOnly(1);
    for (List<NewEntry> group : groups) {
      List<NewEntry> inBatchOrder = new ArrayList<>(entries);
      inBatchOrder.retainAll(group);
      assertThat(group).containsExactlyElementsOf(inBatchOrder);
    }
    assertThat(groups.stream().mapToInt(List::size).sum()).isEqualTo(30);
  }

  @Test
  void onePartitionIsOneGroup() {
    assertThat(PartitionedAppend.groups(entries(5, 1), 2)).hasSize(1);
    assertThat(PartitionedAppend.groups(List.of(), 2)).containsExactly(List.of());
  }

  @Test
  void groupsAreStoredSideBySideAndTheirResultsSummed() throws Exception {
    // each group waits until the other has started: only concurrent appends get past the latch
    CountDownLatch bothStarted = new CountDownLatch(2);
    ConcurrentHashMap<String, Boolean> threads = new ConcurrentHashMap<>();
    ChainBreak breakInOne = new ChainBreak(1, 3, "e", "gap");
    LedgerSink sink = batch -> {
      threads.put(Thread.currentThread().getName(), true);
      bothStarted.countDown();
      try {
        assertThat(bothStarted.await(60, TimeUnit.SECONDS)).isTrue();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      boolean odd = batch.get(0).row().ledgerPartition() == 1;
      return new AppendResult(batch.size() - 1, 1, odd ? 1 : 0, odd ? List.of(breakInOne) : List.of());
    };
    try (PartitionedAppend append = new PartitionedAppend(sink, 2)) {
      AppendResult result = append.append(entries(10, 2));

      assertThat(result.inserted()).isEqualTo(8);
      assertThat(result.duplicates()).isEqualTo(2);
      assertThat(result.rechained()).isEqualTo(1);
      assertThat(result.chainBreaks()).containsExactly(breakInOne);
      assertThat(threads).hasSize(2);
    }
  }

  @Test
  void aFailedGroupFailsTheBatchOnlyAfterEveryGroupFinished() {
    AtomicBoolean slowGroupFinished = new AtomicBoolean();
    LedgerSink sink = batch -> {
      if (batch.get(0).row().ledgerPartition() == 0) {
        throw new IllegalStateException("database down");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      slowGroupFinished.set(true);
      return new AppendResult(batch.size(), 0);
    };
    try (PartitionedAppend append = new PartitionedAppend(sink, 2)) {
      assertThatThrownBy(() -> append.append(entries(4, 2))).hasMessageContaining("database down");
      assertThat(slowGroupFinished).isTrue();
    }
  }
}
