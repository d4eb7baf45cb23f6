package dev.witness.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One embedded PostgreSQL per JVM for integration tests; each test class takes a fresh database
 * from {@link #freshDatabase(String)}.
 */
public final class SharedPostgres {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgresServer server;

  private SharedPostgres() {}

  /** The shared server, started if needed. */
  public static synchronized EmbeddedPostgresServer server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("witness-test-pg");
        server = EmbeddedPostgresServer.start(dir, 0);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          server.close();
          ScratchDirectory.deleteQuietly(dir);
        }, "shared-postgres-shutdown"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return server;
  }

  /** Creates a new, empty database named after {@code prefix} and returns its name. */
  public static String freshDatabase(String prefix) {
    String name = (prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + COUNTER.incrementAndGet());
    server().createDatabaseIfMissing(name);
    return name;
  }

  /** A data source for a database of the shared server. */
  public static DataSource dataSource(String database) {
    return server().dataSource(database);
  }

  /** JDBC URL of a database of the shared server (user {@code postgres}, no password). */
  public static String jdbcUrl(String database) {
    return server().jdbcUrl(database);
  }
}
