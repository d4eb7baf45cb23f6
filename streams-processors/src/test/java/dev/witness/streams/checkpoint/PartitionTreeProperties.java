package dev.witness.streams.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.LedgerEntry;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class PartitionTreeProperties {

  private static final List<LedgerEntry> CHAIN = LedgerChains.chain(0, 60);

  @Property(tries = 200)
  void redeliveriesAndStoreRoundTripsNeverChangeTheRoot(
      @ForAll @IntRange(min = 1, max = 60) int size,
      @ForAll @Size(max = 20) List<@IntRange(min = 0, max = 59) Integer> redeliveries,
      @ForAll @IntRange(min = 1, max = 10) int storeEvery) {
    PartitionTreeSerde serde = new PartitionTreeSerde();
    PartitionTree tree = PartitionTree.empty(0);
    int redelivered = 0;
    for (int i = 0; i < size; i++) {
      LedgerEntry entry = CHAIN.get(i);
      tree.append(entry.getEntrySequence(), LedgerChains.bytes(entry.getPreviousHash()), LedgerChains.bytes(entry.getHash()));
      if (redelivered < redeliveries.size() && redeliveries.get(redelivered) <= i) {
        LedgerEntry again = CHAIN.get(redeliveries.get(redelivered++));
        assertThat(tree.append(again.getEntrySequence(), LedgerChains.bytes(again.getPreviousHash()),
            LedgerChains.bytes(again.getHash()))).isFalse();
      }
      if (i % storeEvery == 0) {
        tree = serde.deserializer().deserialize("t", serde.serializer().serialize("t", tree));
      }
    }

    assertThat(tree.report()).isEqualTo(LedgerChains.rootOf(CHAIN, size));
  }
}
