package dev.witness.deploy.standalone;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Pooled data sources for the standalone databases (a connection per request costs milliseconds). */
final class ConnectionPools {

  private ConnectionPools() {}

  static HikariDataSource create(String name, String jdbcUrl, String user, int maxSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(name);
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setMaximumPoolSize(maxSize);
    config.setMinimumIdle(1);
    config.setInitializationFailTimeout(10_000);
    return new HikariDataSource(config);
  }
}
