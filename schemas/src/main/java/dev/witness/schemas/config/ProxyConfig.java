package dev.witness.schemas.config;

import java.time.Duration;

/**
 * Settings shared by the proxies of one process.
 *
 * @param replyPartition the partition of {@code witness.replies} this instance owns
 * @param verdictTimeout how long a request waits for its verdict (and each response chunk for
 *     its masked form) before the agent gets a fail-closed error
 * @param approvalHold how long a request that needs a human approval is held, unforwarded, while
 *     the agent waits; after it the agent gets an error naming the approval and may re-run the
 *     same request once it is approved
 * @param kubernetes the Kubernetes API listener, or null when it is not enabled
 */
public record ProxyConfig(
    Integer replyPartition,
    Duration verdictTimeout,
    Duration approvalHold,
    HttpProxyConfig http,
    PostgresProxyConfig postgres,
    KubernetesProxyConfig kubernetes) {

  public static final Duration DEFAULT_APPROVAL_HOLD = Duration.ofSeconds(60);

  public ProxyConfig {
    replyPartition = replyPartition == null ? 0 : replyPartition;
    verdictTimeout = verdictTimeout == null ? Duration.ofSeconds(5) : verdictTimeout;
    approvalHold = approvalHold == null ? DEFAULT_APPROVAL_HOLD : approvalHold;
    http = http == null ? HttpProxyConfig.defaults() : http;
    postgres = postgres == null ? PostgresProxyConfig.defaults() : postgres;
  }

  /** Settings without the Kubernetes listener. */
  public ProxyConfig(Integer replyPartition, Duration verdictTimeout, Duration approvalHold, HttpProxyConfig http,
      PostgresProxyConfig postgres) {
    this(replyPartition, verdictTimeout, approvalHold, http, postgres, null);
  }

  /** Settings with the default approval hold. */
  public ProxyConfig(Integer replyPartition, Duration verdictTimeout, HttpProxyConfig http, PostgresProxyConfig postgres) {
    this(replyPartition, verdictTimeout, null, http, postgres);
  }

  public static ProxyConfig defaults() {
    return new ProxyConfig(null, null, null, null, null);
  }

  public ProxyConfig withHttp(HttpProxyConfig http) {
    return new ProxyConfig(replyPartition, verdictTimeout, approvalHold, http, postgres, kubernetes);
  }

  public ProxyConfig withPostgres(PostgresProxyConfig postgres) {
    return new ProxyConfig(replyPartition, verdictTimeout, approvalHold, http, postgres, kubernetes);
  }

  public ProxyConfig withVerdictTimeout(Duration verdictTimeout) {
    return new ProxyConfig(replyPartition, verdictTimeout, approvalHold, http, postgres, kubernetes);
  }

  public ProxyConfig withKubernetes(KubernetesProxyConfig kubernetes) {
    return new ProxyConfig(replyPartition, verdictTimeout, approvalHold, http, postgres, kubernetes);
  }

  /** A copy owning another partition of {@code witness.replies} (one per instance). */
  public ProxyConfig withReplyPartition(int replyPartition) {
    return new ProxyConfig(replyPartition, verdictTimeout, approvalHold, http, postgres, kubernetes);
  }

  public ProxyConfig withApprovalHold(Duration approvalHold) {
    return new ProxyConfig(replyPartition, verdictTimeout, approvalHold, http, postgres, kubernetes);
  }
}
