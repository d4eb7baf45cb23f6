package dev.witness.schemas.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The PostgreSQL server the proxy forwards to and the credentials Witness uses there; the agent
 * never sees them. At most one of {@code password}, {@code passwordFromEnv} and
 * {@code passwordFromFile} is set (none: trust authentication).
 *
 * @param host backend host
 * @param port backend port
 * @param database the only database agents may open through this proxy; null lets the agent choose
 * @param user the backend role Witness logs in as
 */
public record PostgresBackendConfig(String host, Integer port, String database, String user,
    String password, String passwordFromEnv, String passwordFromFile) {

  public PostgresBackendConfig {
    host = host == null ? "127.0.0.1" : host;
    port = port == null ? 5432 : port;
    user = user == null ? "postgres" : user;
  }

  public static PostgresBackendConfig defaults() {
    return new PostgresBackendConfig(null, null, null, null, null, null, null);
  }

  /** A backend without password (trust authentication), as the embedded PostgreSQL runs. */
  public static PostgresBackendConfig trust(String host, int port, String database, String user) {
    return new PostgresBackendConfig(host, port, database, user, null, null, null);
  }

  /** Reads the password from wherever it is configured to come from; null when none is configured. */
  public String resolvePassword() {
    if (password != null) {
      return password;
    }
    if (passwordFromEnv != null) {
      String env = System.getenv(passwordFromEnv);
      if (env == null) {
        throw new ConfigException("proxy.postgres.backend.passwordFromEnv: environment variable " + passwordFromEnv
            + " is not set; export it or use passwordFromFile");
      }
      return env;
    }
    if (passwordFromFile != null) {
      try {
        return Files.readString(Path.of(passwordFromFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ConfigException("proxy.postgres.backend.passwordFromFile: cannot read " + passwordFromFile
            + " (" + e.getMessage() + "); check the path and permissions");
      }
    }
    return null;
  }

  @Override
  public String toString() {
    // Never print the password itself.
    String source = password != null ? "inline" : passwordFromEnv != null ? "env:" + passwordFromEnv
        : passwordFromFile != null ? "file:" + passwordFromFile : "none";
    return "PostgresBackendConfig[host=" + host + ", port=" + port + ", database=" + database + ", user=" + user
        + ", password=" + source + "]";
  }
}
