package dev.witness.schemas.config;

/**
 * The evidence store and API.
 *
 * @param listen {@code host:port} of the evidence REST API
 * @param jdbcUrl PostgreSQL JDBC URL; absent in standalone, which starts its own
 * @param user database user
 * @param passwordFromEnv environment variable holding the database password
 */
public record EvidenceConfig(String listen, String jdbcUrl, String user, String passwordFromEnv) {

  public EvidenceConfig {
    listen = listen == null ? "127.0.0.1:8088" : listen;
  }

  public static EvidenceConfig defaults() {
    return new EvidenceConfig(null, null, null, null);
  }

  public EvidenceConfig withJdbc(String jdbcUrl, String user) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv);
  }

  public EvidenceConfig withListen(String listen) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv);
  }
}
