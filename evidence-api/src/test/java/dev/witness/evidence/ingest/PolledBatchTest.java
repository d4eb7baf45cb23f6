package dev.witness.evidence.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PolledBatchTest {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");
  private static final TopicPartition P0 = new TopicPartition("witness.ledger", 0);
  private static final TopicPartition P1 = new TopicPartition("witness.ledger", 1);

  private final LedgerChain[] chains = {new LedgerChain(0), new LedgerChain(1)};
  private final Events events = new Events("s-1", "agent-1", "http:demo", Protocol.HTTP);
  private final LedgerRecordConverter converter = new LedgerRecordConverter(LedgerRecords.REGISTRY);
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  private List<ConsumerRecord<String, byte[]>> records(TopicPartition tp, long firstOffset, int count) {
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      LedgerEntry entry = chains[tp.partition()].append(events.verdict("r" + tp + firstOffset + i, NOW,
          Decision.ALLOW), NOW);
      out.add(new ConsumerRecord<>(tp.topic(), tp.partition(), firstOffset + i, "s-1", LedgerRecords.value(entry)));
    }
    return out;
  }

  @Test
  void twoPollsTogetherAreStoredInPollOrderAndSpanBothOffsetRanges() {
    var first = records(P0, 10, 3);
    var secondP0 = records(P0, 13, 2);
    var secondP1 = records(P1, 7, 4);
    PolledBatch earlier = PolledBatch.converting(new ConsumerRecords<>(Map.of(P0, first), Map.of()), converter, pool);
    PolledBatch later = PolledBatch.converting(new ConsumerRecords<>(Map.of(P0, secondP0, P1, secondP1), Map.of()),
        converter, pool);

    PolledBatch both = PolledBatch.together(earlier, later);

    assertThat(both.count()).isEqualTo(9);
    assertThat(both.firstOffsets()).isEqualTo(Map.of(P0, 10L, P1, 7L));
    assertThat(both.nextOffsets()).isEqualTo(Map.of(P0, new OffsetAndMetadata(15), P1, new OffsetAndMetadata(11)));
    List<Long> p0Sequences = both.entries().stream().filter(e -> e.row().ledgerPartition() == 0)
        .map(e -> e.row().entrySequence()).toList();
    assertThat(p0Sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(both.entries().subList(0, 3)).isEqualTo(earlier.entries());
  }
}
