package dev.witness.schemas.config;

/**
 * The PostgreSQL proxy listener.
 *
 * @param listen {@code host:port} agents connect to
 * @param resource the target as recorded in events, e.g. {@code postgres:demo}
 * @param backend the PostgreSQL server statements are forwarded to
 * @param maxRowsPerChunk result rows are recorded and masked in chunks of at most this many rows
 * @param responseChunkBytes ... and of about this many bytes (a single larger row makes its own chunk)
 * @param maxMessageBytes larger protocol messages close the connection with a protocol error
 *     (a statement or a row is recorded whole in one Kafka record)
 * @param tls the certificate offered to agents that ask for TLS; null: SSLRequest is declined
 */
public record PostgresProxyConfig(String listen, String resource, PostgresBackendConfig backend,
    Integer maxRowsPerChunk, Integer responseChunkBytes, Integer maxMessageBytes, PostgresTlsConfig tls) {

  public PostgresProxyConfig {
    listen = listen == null ? "127.0.0.1:15432" : listen;
    resource = resource == null ? "postgres:demo" : resource;
    backend = backend == null ? PostgresBackendConfig.defaults() : backend;
    maxRowsPerChunk = maxRowsPerChunk == null ? 1000 : maxRowsPerChunk;
    responseChunkBytes = responseChunkBytes == null ? 256 * 1024 : responseChunkBytes;
    maxMessageBytes = maxMessageBytes == null ? 7 * 1024 * 1024 : maxMessageBytes;
  }

  /** Only the listen address; every other setting takes its default. */
  public PostgresProxyConfig(String listen) {
    this(listen, null, null, null, null, null, null);
  }

  /** Without TLS. */
  public PostgresProxyConfig(String listen, String resource, PostgresBackendConfig backend,
      Integer maxRowsPerChunk, Integer responseChunkBytes, Integer maxMessageBytes) {
    this(listen, resource, backend, maxRowsPerChunk, responseChunkBytes, maxMessageBytes, null);
  }

  public static PostgresProxyConfig defaults() {
    return new PostgresProxyConfig(null, null, null, null, null, null, null);
  }

  public PostgresProxyConfig withListen(String listen) {
    return new PostgresProxyConfig(listen, resource, backend, maxRowsPerChunk, responseChunkBytes, maxMessageBytes, tls);
  }

  public PostgresProxyConfig withBackend(PostgresBackendConfig backend) {
    return new PostgresProxyConfig(listen, resource, backend, maxRowsPerChunk, responseChunkBytes, maxMessageBytes, tls);
  }

  public PostgresProxyConfig withTls(PostgresTlsConfig tls) {
    return new PostgresProxyConfig(listen, resource, backend, maxRowsPerChunk, responseChunkBytes, maxMessageBytes, tls);
  }
}
