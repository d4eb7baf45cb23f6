package dev.witness.streams.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.proof.CanonicalEncoding;
import dev.witness.schemas.proof.ChainVerification;
import dev.witness.streams.digest.Sha256;
import dev.witness.streams.testing.TestEvents;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class LedgerChainTest {

  private static final Instant AT = Instant.parse("2026-03-01T12:00:00Z");

  static List<LedgerEntry> chain(int partition, List<? extends SpecificRecord> events) {
    List<LedgerEntry> entries = new ArrayList<>();
    ChainHead head = ChainHead.genesis();
    for (SpecificRecord event : events) {
      LedgerChain.Appended appended = LedgerChain.append(head, partition, event, AT);
      entries.add(appended.entry());
      head = appended.head();
    }
    return entries;
  }

  private static List<RequestIntercepted> requests(int n) {
    List<RequestIntercepted> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      events.add(TestEvents.http("s-" + i, i, "GET", "/" + i, 0));
    }
    return events;
  }

  @Test
  void theFirstEntryLinksTo32ZeroBytesAndHashesItsEvent() {
    RequestIntercepted event = TestEvents.http("s-1", 1, "GET", "/", 0);

    LedgerEntry first = chain(2, List.of(event)).get(0);

    assertThat(first.getPartition()).isEqualTo(2);
    assertThat(first.getEntrySequence()).isZero();
    assertThat(first.getPreviousHash()).isEqualTo(ByteBuffer.wrap(new byte[32]));
    assertThat(first.getHash())
        .isEqualTo(ByteBuffer.wrap(Sha256.digest(new byte[32], CanonicalEncoding.encode(event))));
    assertThat(first.getRecordedAt()).isEqualTo(AT);
    assertThat(first.getEvent()).isEqualTo(event);
  }

  @Test
  void eachEntryLinksToTheOneBefore() {
    List<LedgerEntry> entries = chain(0, requests(4));

    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).getEntrySequence()).isEqualTo(i);
      assertThat(entries.get(i).getPreviousHash()).isEqualTo(entries.get(i - 1).getHash());
    }
    assertThat(LedgerChain.verify(entries)).isEqualTo(new ChainVerification(4, null));
  }

  @Test
  void detectsARemovedEntry() {
    List<LedgerEntry> entries = new ArrayList<>(chain(0, requests(5)));
    entries.remove(2);

    ChainVerification result = LedgerChain.verify(entries);

    assertThat(result.valid()).isFalse();
    assertThat(result.verifiedEntries()).isEqualTo(2);
    assertThat(result.problem()).startsWith("entry 2: sequence 3 where 2 was expected");
  }

  @Test
  void detectsReorderedEntries() {
    List<LedgerEntry> entries = new ArrayList<>(chain(0, requests(5)));
    Collections.swap(entries, 1, 3);

    assertThat(LedgerChain.verify(entries).verifiedEntries()).isEqualTo(1);
  }

  @Test
  void detectsAnAlteredEvent() {
    List<LedgerEntry> entries = new ArrayList<>(chain(0, requests(3)));
    RequestIntercepted altered = RequestIntercepted.newBuilder((RequestIntercepted) entries.get(1).getEvent())
        .setRequestId("forged").build();
    entries.set(1, LedgerEntry.newBuilder(entries.get(1)).setEvent(altered).build());

    ChainVerification result = LedgerChain.verify(entries);

    assertThat(result.verifiedEntries()).isEqualTo(1);
    assertThat(result.problem()).contains("hash does not match the event");
  }

  @Test
  void detectsARewrittenChainTail() {
    List<LedgerEntry> entries = new ArrayList<>(chain(0, requests(3)));
    // A forger re-hashes entry 1 consistently, but entry 2 still links to the original.
    LedgerEntry forged = LedgerChain.append(
        new ChainHead(1, bytes(entries.get(0).getHash())), 0, TestEvents.http("x", 9, "GET", "/", 0), AT).entry();
    entries.set(1, forged);

    ChainVerification result = LedgerChain.verify(entries);

    assertThat(result.verifiedEntries()).isEqualTo(2);
    assertThat(result.problem()).contains("previousHash");
  }

  @Test
  void detectsEntriesOfAnotherPartition() {
    List<LedgerEntry> entries = new ArrayList<>(chain(0, requests(2)));
    entries.add(chain(1, requests(3)).get(2));

    assertThat(LedgerChain.verify(entries).problem()).contains("partition 1");
  }

  @Test
  void verifiesAContinuationFromAKnownHead() {
    List<LedgerEntry> entries = chain(0, requests(6));
    ChainHead afterThree = new ChainHead(3, bytes(entries.get(2).getHash()));

    assertThat(LedgerChain.verify(afterThree, entries.subList(3, 6)).valid()).isTrue();
    assertThat(LedgerChain.verify(entries.subList(3, 6)).valid()).isFalse();
  }

  @Test
  void anEmptyChainIsIntact() {
    assertThat(LedgerChain.verify(List.of()).valid()).isTrue();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.duplicate().get(bytes);
    return bytes;
  }
}
