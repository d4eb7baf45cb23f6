package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.chain.ChainBreak;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Ingest checks the chain as it goes: a break is stored, recorded and reported, never passed over. */
class ChainAlertsIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void gapsForksAndAlteredEntriesAreRecordedAsAlerts() {
    var dataSource = TestDatabases.migrated("chain_alerts_it");
    EvidenceStore store = EvidenceStore.on(dataSource);
    Jdbi jdbi = Jdbi.create(dataSource);
    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s", "agent", "http:demo", Protocol.HTTP);
    List<LedgerEntry> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add(chain.append(e.httpRequest("r" + i, T0, null, false), T0));
    }
    // intact, in two batches: the second links to the stored end of the first
    assertThat(store.append(List.of(LedgerRecords.newEntry(entries.get(0)), LedgerRecords.newEntry(entries.get(1))))
        .chainBreaks()).isEmpty();
    assertThat(store.append(List.of(LedgerRecords.newEntry(entries.get(2)))).chainBreaks()).isEmpty();

    // entry 3 never arrives: 4 does not link to anything stored
    AppendResult gap = store.append(List.of(LedgerRecords.newEntry(entries.get(4))));
    assertThat(gap.inserted()).isEqualTo(1);
    assertThat(gap.chainBreaks()).extracting(ChainBreak::sequence).containsExactly(4L);
    assertThat(gap.chainBreaks().get(0).problem()).contains("entry 3 of partition 0 is missing");

    // entry 5 altered after hashing
    LedgerEntry altered = LedgerEntry.newBuilder(entries.get(5)).setHash(ByteBuffer.wrap(new byte[32])).build();
    AppendResult bad = store.append(List.of(LedgerRecords.newEntry(altered)));
    assertThat(bad.chainBreaks()).singleElement().satisfies(b -> assertThat(b.problem()).contains("hash does not match"));

    // a redelivered entry is a duplicate, not a break
    assertThat(store.append(List.of(LedgerRecords.newEntry(entries.get(4)))).chainBreaks()).isEmpty();

    List<Long> alerted = jdbi.withHandle(h -> h.createQuery("SELECT entry_sequence FROM chain_alerts ORDER BY alert_id")
        .mapTo(Long.class).list());
    assertThat(alerted).containsExactly(4L, 5L);
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM chain_alerts")))
        .hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE checkpoints CASCADE")))
        .hasMessageContaining("append-only");
  }
}
