package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.streams.testing.TestEvents;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class LedgerPartitionerTest {

  private static LedgerEntry entryOf(int partition) {
    return LedgerChain.append(ChainHead.genesis(), partition, TestEvents.http("s", 1, "GET", "/", 0), Instant.EPOCH)
        .entry();
  }

  @Test
  void writesAnEntryToThePartitionOfItsChain() {
    assertThat(new LedgerPartitioner().partitions("witness.ledger", "s", entryOf(2), new RecordHeaders(), 3))
        .isEqualTo(Optional.of(Set.of(2)));
  }

  @Test
  void refusesAChainTheTopicHasNoPartitionFor() {
    assertThatThrownBy(() -> new LedgerPartitioner().partitions("witness.ledger", "s", entryOf(3), new RecordHeaders(), 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("witness.ledger has 3 partitions");
  }
}
