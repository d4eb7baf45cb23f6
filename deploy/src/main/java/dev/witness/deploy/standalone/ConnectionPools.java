package dev.witness.deploy.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Pooled data sources for the standalone databases (a connection per request costs milliseconds). */
public final class ConnectionPools {

  private ConnectionPools() {}

  static HikariDataSource create(String name, String jdbcUrl, String user, int maxSize) {
    return create(name, jdbcUrl, user, null, maxSize);
  }

  /** A pool logging in with {@code password} (null: none, e.g. trust or a password in the URL). */
  public static HikariDataSource create(String name, String jdbcUrl, String user, String password, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setPassword(password);
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(1);
    config.setInitializationFailTimeout(10_000);
    return new HikariDataSource(config);
  }
}
