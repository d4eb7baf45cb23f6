package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Protocol;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class StoreMigrationsIT {

  private static DataSource dataSource;

  private static long rowCount() {
    return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM ledger_entries").mapTo(Long.class).one());
  }
  private static Jdbi jdbi;
  private static String version;

  @BeforeAll
  static void migrateCleanDatabase() {
    dataSource = TestDatabases.empty("migrations_it");
    version = StoreMigrations.migrate(dataSource);
    // V5 (checkpoints) is the newest of this module's own; later ones may follow
    assertThat(Integer.parseInt(version)).isGreaterThanOrEqualTo(5);
    jdbi = Jdbi.create(dataSource);
    Events events = new Events("s-1", "agent-7", "http:demo", Protocol.HTTP);
    EvidenceStore.on(dataSource).append(List.of(
        LedgerRecords.newEntry(new LedgerChain(0).append(events.verdict("r1", Instant.now(), Decision.ALLOW),
            Instant.now()))));
  }

  @Test
  void migrationsCreateTheStoreAndAreIdempotent() {
    List<String> tables = jdbi.withHandle(h -> h.createQuery(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")
        .mapTo(String.class).list());
    assertThat(tables).contains("ledger_entries", "sessions", "flyway_schema_history", "chain_alerts", "checkpoints",
        "checkpoint_heads", "checkpoint_rejections");
    assertThat(StoreMigrations.migrate(dataSource)).isEqualTo(version);
    assertThat(rowCount()).isEqualTo(1);
  }

  @Test
  void ledgerEntriesRejectUpdate() {
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE ledger_entries SET agent_id = 'forged'")))
        .hasMessageContaining("append-only")
        .hasMessageContaining("UPDATE");
  }

  @Test
  void ledgerEntriesRejectDelete() {
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM ledger_entries")))
        .hasMessageContaining("append-only")
        .hasMessageContaining("DELETE");
  }

  @Test
  void ledgerEntriesRejectTruncate() {
    assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("TRUNCATE ledger_entries")))
        .hasMessageContaining("append-only")
        .hasMessageContaining("TRUNCATE");
    assertThat(rowCount()).isEqualTo(1);
  }
}
