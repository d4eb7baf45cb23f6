package dev.witness.evidence.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Brings the evidence schema up to date with the Flyway migrations under {@code db/migration}. */
public final class StoreMigrations {

  private static final Logger LOG = LoggerFactory.getLogger(StoreMigrations.class);

  private StoreMigrations() {}

  /** Applies pending migrations and returns the schema version now in force. */
  public static String migrate(DataSource dataSource) {
    MigrateResult result = Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        // a store that has evidence in it must never be wiped by a misconfiguration
        .cleanDisabled(true)
        .load()
        .migrate();
    String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
    LOG.info("evidence store migrated applied={} version={}", result.migrationsExecuted, version);
    return version;
  }
}
