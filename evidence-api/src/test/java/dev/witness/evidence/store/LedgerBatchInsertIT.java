package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Protocol;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The COPY insert on real PostgreSQL: duplicates skipped, and the race with another ingestor
 * inserting the same event at the same time, which the fast path cannot absorb and the staging
 * path must.
 */
class LedgerBatchInsertIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00.123456Z");

  private DataSource db;
  private List<LedgerRow> rows;

  @BeforeEach
  void fill() {
    db = TestDatabases.migrated("batch_insert_it");
    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s-r", "agent-1", "http:demo", Protocol.HTTP);
    rows = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Instant at = T0.plusSeconds(i);
      rows.add(LedgerRecords.newEntry(chain.append(e.httpRequest("r" + i, at, null, false), at)).row());
      rows.add(LedgerRecords.newEntry(chain.append(e.verdict("r" + i, at, Decision.ALLOW), at)).row());
    }
  }

  private Set<String> insert(Connection c, List<LedgerRow> batch) throws Exception {
    c.setAutoCommit(false);
    Set<String> inserted = LedgerBatchInsert.insert(c, batch);
    c.commit();
    return inserted;
  }

  private long storedCount() {
    return Jdbi.create(db).withHandle(h -> h.createQuery("SELECT count(*) FROM ledger_entries")
        .mapTo(Long.class).one());
  }

  @Test
  void storedAndRepeatedEventsAreSkippedAndTheFirstCopyWins() throws Exception {
    try (Connection c = db.getConnection()) {
      assertThat(insert(c, rows.subList(0, 3))).hasSize(3);
      List<LedgerRow> again = new ArrayList<>(rows);
      again.add(rows.get(5));
      assertThat(insert(c, again)).containsExactlyInAnyOrderElementsOf(
          rows.subList(3, 8).stream().map(LedgerRow::eventId).toList());
      // a second run on the same connection reuses its staging table; nothing new is stored
      assertThat(insert(c, rows)).isEmpty();
    }
    assertThat(storedCount()).isEqualTo(8);
  }

  @Test
  void anInsertRacingOnTheSameEventFallsBackToTheStagingPathAndSkipsIt() throws Exception {
    LedgerRow contested = rows.get(2);
    try (Connection other = db.getConnection(); Connection ours = db.getConnection()) {
      other.setAutoCommit(false);
      LedgerBatchInsert.insert(other, List.of(contested));
      // ours does not see the uncommitted row, copies it and waits on its unique key
      CompletableFuture<Set<String>> racing = CompletableFuture.supplyAsync(() -> {
        try {
          return insert(ours, rows);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      await().atMost(Duration.ofSeconds(60)).until(() -> Jdbi.create(db).withHandle(h -> h.createQuery(
              "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'")
          .mapTo(Long.class).one()) > 0);
      other.commit();

      Set<String> inserted = racing.get();
      assertThat(inserted).hasSize(7).doesNotContain(contested.eventId());
    }
    assertThat(storedCount()).isEqualTo(8);
  }
}
