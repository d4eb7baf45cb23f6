package dev.witness.schemas.config;

import java.time.Duration;

/**
 * Settings shared by the proxies of one process.
 *
 * @param replyPartition the partition of {@code witness.replies} this instance owns
 * @param verdictTimeout how long a request waits for its verdict (and each response chunk for
 *     its masked form) before the agent gets a fail-closed error
 */
public record ProxyConfig(
    Integer replyPartition, Duration verdictTimeout, HttpProxyConfig http, PostgresProxyConfig postgres) {

  public ProxyConfig {
    replyPartition = replyPartition == null ? 0 : replyPartition;
    verdictTimeout = verdictTimeout == null ? Duration.ofSeconds(5) : verdictTimeout;
    http = http == null ? HttpProxyConfig.defaults() : http;
    postgres = postgres == null ? PostgresProxyConfig.defaults() : postgres;
  }

  public static ProxyConfig defaults() {
    return new ProxyConfig(null, null, null, null);
  }

  public ProxyConfig withHttp(HttpProxyConfig http) {
    return new ProxyConfig(replyPartition, verdictTimeout, http, postgres);
  }

  public ProxyConfig withPostgres(PostgresProxyConfig postgres) {
    return new ProxyConfig(replyPartition, verdictTimeout, http, postgres);
  }

  public ProxyConfig withVerdictTimeout(Duration verdictTimeout) {
    return new ProxyConfig(replyPartition, verdictTimeout, http, postgres);
  }
}
