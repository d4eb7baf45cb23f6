package dev.witness.evidence.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.Protocol;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Ingest commits are flushed before they return, whatever the server's default: Kafka offsets are
 * committed right after, so an unflushed commit lost in a crash would never be delivered again.
 */
class DurableIngestIT {

  private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void everyIngestTransactionCommitsSynchronouslyOnAServerDefaultingToAsync() throws Exception {
    DataSource db = TestDatabases.migrated("durable_ingest");
    try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
      s.execute("DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = off', current_database()); "
          + "END $$");
    }
    List<String> atCommit = new CopyOnWriteArrayList<>();
    EvidenceStore store = EvidenceStore.on(settingAtCommit(db, atCommit));
    LedgerChain chain = new LedgerChain(0);
    Events events = new Events("s-1", "agent-1", "http:demo", Protocol.HTTP);

    store.append(List.of(LedgerRecords.newEntry(chain.append(events.verdict("r1", NOW, Decision.ALLOW), NOW))));

    try (Connection c = db.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
      rs.next();
      assertThat(rs.getString(1)).as("the server default this test runs against").isEqualTo("off");
    }
    assertThat(atCommit).containsExactly("on");
  }

  /** {@code db}, its connections recording {@code synchronous_commit} as each transaction commits. */
  private static DataSource settingAtCommit(DataSource db, List<String> seen) {
    return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
        (proxy, method, args) -> {
          Object result = invoke(db, method, args);
          if (!(result instanceof Connection real)) {
            return result;
          }
          return Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
              (p, m, a) -> {
                if (m.getName().equals("commit")) {
                  try (Statement s = real.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
                    rs.next();
                    seen.add(rs.getString(1));
                  }
                }
                return invoke(real, m, a);
              });
        });
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
