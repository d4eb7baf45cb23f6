package dev.witness.evidence.chain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.evidence.store.LedgerRow;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.proof.CanonicalEncoding;
import dev.witness.schemas.proof.ChainVerifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ChainCheckTest {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  private static List<LedgerRow> rows(int n) {
    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s", "a", "http:demo", Protocol.HTTP);
    List<LedgerRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LedgerEntry entry = chain.append(e.httpRequest("r" + i, T0, null, false), T0);
      rows.add(LedgerRecords.newEntry(entry).row());
    }
    return rows;
  }

  @Property(tries = 30)
  void anIntactChainInAnyOrderHasNoBreaks(@ForAll @IntRange(min = 1, max = 12) int n) {
    List<LedgerRow> rows = rows(n);
    Collections.shuffle(rows);
    assertThat(ChainCheck.check(rows, (p, s) -> null)).isEmpty();
  }

  @Property(tries = 30)
  void removingAnyInnerEntryIsAGapAtTheNextOne(@ForAll @IntRange(min = 3, max = 12) int n,
      @ForAll @IntRange(min = 1, max = 10) int cut) {
    int removed = Math.min(cut, n - 2);
    List<LedgerRow> rows = rows(n);
    rows.remove(removed);
    assertThat(ChainCheck.check(rows, (p, s) -> null)).singleElement()
        .satisfies(b -> {
          assertThat(b.sequence()).isEqualTo(removed + 1L);
          assertThat(b.problem()).contains("missing");
        });
  }

  @Property(tries = 30)
  void entryHashAgreesWithTheProofPackage(@ForAll @IntRange(min = 1, max = 5) int n) {
    for (LedgerRow r : rows(n)) {
      assertThat(EntryHash.of(r.previousHash(), r.eventSchema(), r.eventAvro()))
          .isEqualTo(ChainVerifier.entryHash(r.previousHash(), CanonicalEncoding.of(r.eventSchema(), r.eventAvro())))
          .isEqualTo(r.hash());
    }
  }

  @Property(tries = 20)
  void aStoredPredecessorWithAnotherHashIsAFork(@ForAll @IntRange(min = 2, max = 8) int n) {
    List<LedgerRow> rows = rows(n);
    List<LedgerRow> tail = rows.subList(1, n);
    assertThat(ChainCheck.check(tail, (p, s) -> s == 0 ? rows.get(0).hash() : null)).isEmpty();
    assertThat(ChainCheck.check(tail, (p, s) -> s == 0 ? new byte[32] : null)).singleElement()
        .satisfies(b -> assertThat(b.problem()).contains("forked"));
  }
}
