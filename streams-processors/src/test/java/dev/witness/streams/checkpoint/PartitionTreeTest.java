package dev.witness.streams.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.PartitionRoot;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PartitionTreeTest {

  private final List<LedgerEntry> chain = LedgerChains.chain(3, 5);

  @Test
  void reportsTheRootOfTheEntriesSoFarEveryNEntries() {
    PartitionTree tree = PartitionTree.empty(3);

    for (int i = 0; i < 5; i++) {
      assertThat(append(tree, chain.get(i))).isTrue();
      assertThat(tree.reportDue(2)).isEqualTo(i % 2 == 1);
      if (tree.reportDue(2)) {
        assertThat(tree.report()).isEqualTo(LedgerChains.rootOf(chain, i + 1));
      }
    }
    assertThat(tree.advanced()).isTrue();
    assertThat(tree.report()).isEqualTo(LedgerChains.rootOf(chain, 5));
    assertThat(tree.advanced()).isFalse();
  }

  @Test
  void skipsEntriesItHoldsAndRefusesGapsAndBrokenLinks() {
    PartitionTree tree = PartitionTree.empty(3);
    append(tree, chain.get(0));
    append(tree, chain.get(1));

    assertThat(append(tree, chain.get(0))).isFalse();
    assertThatThrownBy(() -> append(tree, chain.get(3))).hasMessageContaining("skips from entry 1 to 3");
    LedgerEntry relinked = LedgerEntry.newBuilder(chain.get(2)).setPreviousHash(chain.get(0).getHash()).build();
    assertThatThrownBy(() -> append(tree, relinked)).hasMessageContaining("entry 2 does not link to the hash of entry 1");
    assertThat(tree.size()).isEqualTo(2);
  }

  @Test
  void theFirstEntryMustLinkToZeros() {
    LedgerEntry notFirst = LedgerEntry.newBuilder(chain.get(1)).setEntrySequence(0).build();

    assertThatThrownBy(() -> append(PartitionTree.empty(3), notFirst)).hasMessageContaining("does not link");
  }

  @Test
  void survivesTheStoreAndContinuesWhereItStood() {
    PartitionTreeSerde serde = new PartitionTreeSerde();
    PartitionTree tree = PartitionTree.empty(3);
    append(tree, chain.get(0));
    append(tree, chain.get(1));
    tree.report();
    append(tree, chain.get(2));

    PartitionTree restored = serde.deserializer().deserialize("t", serde.serializer().serialize("t", tree));
    append(restored, chain.get(3));
    append(restored, chain.get(4));

    assertThat(restored.reportedSize()).isEqualTo(2);
    assertThat(restored.report()).isEqualTo(LedgerChains.rootOf(chain, 5));
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {1, 2, 3}))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void partitionRootsSurviveTheRepartitionTopic() {
    PartitionRootSerde serde = new PartitionRootSerde();
    PartitionRoot root = LedgerChains.rootOf(chain, 4);

    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", root))).isEqualTo(root);
    assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[10]))
        .isInstanceOf(SerializationException.class).hasMessageContaining("Not a partition root");
  }

  private static boolean append(PartitionTree tree, LedgerEntry entry) {
    return tree.append(entry.getEntrySequence(), LedgerChains.bytes(entry.getPreviousHash()),
        LedgerChains.bytes(entry.getHash()));
  }
}
