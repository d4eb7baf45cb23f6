package dev.witness.evidence.support;

import dev.witness.embedded.SharedPostgres;
import dev.witness.evidence.store.StoreMigrations;
import javax.sql.DataSource;

/** Fresh, migrated evidence databases on the JVM's shared embedded PostgreSQL. */
public final class TestDatabases {

  private TestDatabases() {}

  /** A new empty database, not migrated. */
  public static DataSource empty(String prefix) {
    return SharedPostgres.dataSource(SharedPostgres.freshDatabase(prefix));
  }

  /** A new database with the evidence schema. */
  public static DataSource migrated(String prefix) {
    DataSource dataSource = empty(prefix);
    StoreMigrations.migrate(dataSource);
    return dataSource;
  }
}
