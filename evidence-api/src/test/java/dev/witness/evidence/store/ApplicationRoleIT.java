package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.embedded.SharedPostgres;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Protocol;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The service's role can append and read evidence but the database itself refuses it UPDATE,
 * DELETE and TRUNCATE of evidence: privileges, not only the append-only triggers, which the
 * owner can disable.
 */
class ApplicationRoleIT {

  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void theApplicationRoleInsertsAndSelectsOnly() throws Exception {
    String database = SharedPostgres.freshDatabase("app_role_it");
    DataSource owner = SharedPostgres.dataSource(database);
    StoreMigrations.migrate(owner);
    String role = "witness_app_it_" + System.nanoTime() % 1_000_000;
    ApplicationRole.grant(owner, role, null);
    ApplicationRole.grant(owner, role, null); // idempotent: a restart grants again
    DataSource app = as(database, role);

    // the whole ingest path as the application role: ledger rows, session counters, chain alerts
    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s-1", "agent", "http:demo", Protocol.HTTP);
    var first = chain.append(e.httpRequest("r1", T0, null, false), T0);
    var second = chain.append(e.verdict("r1", T0, Decision.ALLOW), T0);
    chain.append(e.verdict("r2", T0, Decision.DENY), T0); // never ingested: the next one breaks the chain
    var fourth = chain.append(e.verdict("r3", T0, Decision.DENY), T0);
    EvidenceStore store = EvidenceStore.on(app);
    assertThat(store.append(List.of(LedgerRecords.newEntry(first), LedgerRecords.newEntry(second))).inserted())
        .isEqualTo(2);
    assertThat(store.append(List.of(LedgerRecords.newEntry(fourth))).chainBreaks()).hasSize(1);
    assertThat(store.sessions().find("s-1")).hasValueSatisfying(s -> assertThat(s.eventCount()).isEqualTo(3));
    // Flyway as the application role finds nothing pending and writes nothing
    StoreMigrations.migrate(app);

    // the owner disables the append-only triggers: the role is still refused, by privilege (42501)
    Jdbi.create(owner).useHandle(h -> {
      h.execute("ALTER TABLE ledger_entries DISABLE TRIGGER ALL");
      h.execute("ALTER TABLE chain_alerts DISABLE TRIGGER ALL");
      h.execute("ALTER TABLE checkpoints DISABLE TRIGGER ALL");
    });
    Jdbi appJdbi = Jdbi.create(app);
    for (String sql : List.of(
        "UPDATE ledger_entries SET purpose = 'forged'",
        "DELETE FROM ledger_entries",
        "TRUNCATE ledger_entries CASCADE",
        "UPDATE chain_alerts SET problem = 'none'",
        "DELETE FROM chain_alerts",
        "TRUNCATE chain_alerts",
        "DELETE FROM checkpoints",
        "TRUNCATE checkpoints CASCADE",
        "DELETE FROM checkpoint_heads",
        "DELETE FROM checkpoint_rejections",
        "DELETE FROM sessions",
        "TRUNCATE sessions",
        "INSERT INTO flyway_schema_history (installed_rank, description, type, script, installed_by, execution_time, "
            + "success) VALUES (999, 'forged', 'SQL', 'x', 'x', 0, true)",
        "ALTER TABLE ledger_entries DISABLE TRIGGER ALL",
        "CREATE TABLE shadow (id int)")) {
      assertThatThrownBy(() -> appJdbi.useHandle(h -> h.execute(sql)))
          .as(sql)
          .rootCause()
          .isInstanceOf(SQLException.class)
          .satisfies(t -> assertThat(((SQLException) t).getSQLState()).as(sql).isEqualTo("42501"));
    }
    long rows = Jdbi.create(owner).withHandle(h -> h.createQuery("SELECT count(*) FROM ledger_entries")
        .mapTo(Long.class).one());
    assertThat(rows).isEqualTo(3);
  }

  @Test
  void aRoleNameThatIsNotAPlainIdentifierIsRefused() {
    assertThatThrownBy(() -> ApplicationRole.grant(new PGSimpleDataSource(), "app; DROP TABLE x", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower-case identifier");
  }

  private static DataSource as(String database, String role) {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(SharedPostgres.jdbcUrl(database));
    ds.setUser(role);
    return ds;
  }
}
