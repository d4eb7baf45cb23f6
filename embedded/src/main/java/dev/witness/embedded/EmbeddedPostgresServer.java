package dev.witness.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run from the zonky binaries, with its data in a directory that survives
 * restarts (standalone) or a temporary one (tests).
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** The superuser the zonky binaries create. */
  public static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres postgres;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  /**
   * Starts PostgreSQL with its data under {@code dataDir}, keeping data already there.
   *
   * @param port the port to listen on, 0 for any free one
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port) {
    if (port != 0) {
      PortCheck.requireFree("127.0.0.1", port, "embedded PostgreSQL");
      return startOn(dataDir, port);
    }
    // Between finding a free port and PostgreSQL binding it, any client's ephemeral connection
    // may take it: a start that fails then is retried on another port, not reported.
    IllegalStateException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int candidate = FreePorts.findBindable("embedded PostgreSQL");
      try {
        return startOn(dataDir, candidate);
      } catch (IllegalStateException failed) {
        LOG.warn("embedded postgres start failed, retrying on another port port={} error={}",
            candidate, failed.getMessage());
        last = failed;
      }
    }
    throw last;
  }

  private static EmbeddedPostgresServer startOn(Path dataDir, int chosen) {
    try {
      EmbeddedPostgres pg = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(chosen)
          .setPGStartupWait(Duration.ofSeconds(60))
          // If PostgreSQL could not bind and something else answers on the port, the readiness
          // check's login must fail rather than wait for a reply forever.
          .setConnectConfig("loginTimeout", "30")
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "on")
          .start();
      LOG.info("embedded postgres started port={} dataDir={}", chosen, dataDir);
      return new EmbeddedPostgresServer(pg);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start embedded PostgreSQL on port " + chosen
          + " with data in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /** JDBC URL of {@code database} on this server. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
  }

  /** A data source for {@code database} as the superuser. */
  public DataSource dataSource(String database) {
    return postgres.getDatabase(SUPERUSER, database);
  }

  /** Creates {@code database} unless it exists; returns whether it was created. */
  public boolean createDatabaseIfMissing(String database) {
    if (!database.matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("Database name must be a lower-case identifier: " + database);
    }
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'")) {
        if (rs.next()) {
          return false;
        }
      }
      s.execute("CREATE DATABASE " + database);
      return true;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("embedded postgres stopped port={}", port());
    } catch (IOException e) {
      LOG.warn("embedded postgres stop failed error={}", e.toString());
    }
  }
}
