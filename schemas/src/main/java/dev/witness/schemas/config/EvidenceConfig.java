package dev.witness.schemas.config;

import java.util.List;

/**
 * The evidence store and API.
 *
 * @param listen {@code host:port} of the evidence REST API
 * @param jdbcUrl PostgreSQL JDBC URL; absent in standalone, which starts its own
 * @param user database user
 * @param passwordFromEnv environment variable holding the database password
 * @param trustedKeyFiles PEM public keys checkpoints may be signed with besides the current
 *     signing key's (earlier keys after a rotation)
 */
public record EvidenceConfig(
    String listen, String jdbcUrl, String user, String passwordFromEnv, List<String> trustedKeyFiles) {

  public EvidenceConfig {
    listen = listen == null ? "127.0.0.1:8088" : listen;
    trustedKeyFiles = trustedKeyFiles == null ? List.of() : List.copyOf(trustedKeyFiles);
  }

  /** Settings trusting only the current signing key. */
  public EvidenceConfig(String listen, String jdbcUrl, String user, String passwordFromEnv) {
    this(listen, jdbcUrl, user, passwordFromEnv, null);
  }

  public static EvidenceConfig defaults() {
    return new EvidenceConfig(null, null, null, null, null);
  }

  public EvidenceConfig withJdbc(String jdbcUrl, String user) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles);
  }

  public EvidenceConfig withListen(String listen) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles);
  }
}
