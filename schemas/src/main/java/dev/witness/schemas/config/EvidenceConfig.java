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
 * @param exportKeyFile Ed25519 private key (PKCS#8 PEM) signing export manifests; standalone:
 *     {@code <data-dir>/export-signing.key}, created on first start; without one the evidence-api
 *     role refuses exports
 * @param ownerUser the schema owner the evidence-api role migrates the store as (Flyway) and grants
 *     {@code user} its INSERT/SELECT privileges with; {@code user} must then be another role
 * @param ownerPasswordFromEnv environment variable holding the owner's password
 */
public record EvidenceConfig(
    String listen, String jdbcUrl, String user, String passwordFromEnv, List<String> trustedKeyFiles,
    String exportKeyFile, String ownerUser, String ownerPasswordFromEnv) {

  /** Name of the export key file standalone keeps in its data directory. */
  public static final String STANDALONE_EXPORT_KEY_FILE = "export-signing.key";

  public EvidenceConfig {
    listen = listen == null ? "127.0.0.1:8088" : listen;
    trustedKeyFiles = trustedKeyFiles == null ? List.of() : List.copyOf(trustedKeyFiles);
  }

  /** Settings without export key or separate owner. */
  public EvidenceConfig(String listen, String jdbcUrl, String user, String passwordFromEnv,
      List<String> trustedKeyFiles) {
    this(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles, null, null, null);
  }

  /** Settings trusting only the current signing key. */
  public EvidenceConfig(String listen, String jdbcUrl, String user, String passwordFromEnv) {
    this(listen, jdbcUrl, user, passwordFromEnv, null);
  }

  public static EvidenceConfig defaults() {
    return new EvidenceConfig(null, null, null, null, null);
  }

  public EvidenceConfig withJdbc(String jdbcUrl, String user) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles, exportKeyFile, ownerUser,
        ownerPasswordFromEnv);
  }

  public EvidenceConfig withListen(String listen) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles, exportKeyFile, ownerUser,
        ownerPasswordFromEnv);
  }

  /** A copy signing export manifests with the key in {@code file}. */
  public EvidenceConfig withExportKeyFile(String file) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles, file, ownerUser,
        ownerPasswordFromEnv);
  }

  /** A copy migrating as {@code ownerUser} (password from {@code ownerPasswordFromEnv}). */
  public EvidenceConfig withOwner(String ownerUser, String ownerPasswordFromEnv) {
    return new EvidenceConfig(listen, jdbcUrl, user, passwordFromEnv, trustedKeyFiles, exportKeyFile, ownerUser,
        ownerPasswordFromEnv);
  }
}
