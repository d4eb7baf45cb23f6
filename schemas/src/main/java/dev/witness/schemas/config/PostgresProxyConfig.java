package dev.witness.schemas.config;

/** The PostgreSQL proxy listener. */
public record PostgresProxyConfig(String listen) {

  public PostgresProxyConfig {
    listen = listen == null ? "127.0.0.1:15432" : listen;
  }

  public static PostgresProxyConfig defaults() {
    return new PostgresProxyConfig(null);
  }
}
