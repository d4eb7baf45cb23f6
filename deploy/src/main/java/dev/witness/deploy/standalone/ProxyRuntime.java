package dev.witness.deploy.standalone;

import dev.witness.deploy.metrics.MeteredReplyChannel;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.http.HttpProxyListener;
import dev.witness.proxy.http.KubernetesProxyListener;
import dev.witness.proxy.pg.PostgresProxyListener;
import dev.witness.proxy.pg.StageTimings;
import dev.witness.proxy.publish.KafkaEventPublisher;
import dev.witness.proxy.publish.KafkaReplyChannel;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;

/** The HTTP and PostgreSQL proxies with their shared Kafka publisher and reply channel. */
public final class ProxyRuntime implements AutoCloseable {

  private final ShutdownStack parts = new ShutdownStack();
  private HttpProxyListener listener;
  private PostgresProxyListener postgres;
  private KubernetesProxyListener kubernetes;

  public static ProxyRuntime start(WitnessConfig config, SchemaRegistryClient registry) {
    ProxyRuntime runtime = new ProxyRuntime();
    try {
      ReplyChannel replies = MeteredReplyChannel.wrap(runtime.parts.push("reply-channel",
          KafkaReplyChannel.start(config.kafka(), config.proxy(), registry)));
      KafkaEventPublisher publisher = runtime.parts.push("event-publisher",
          KafkaEventPublisher.create(config.kafka(), registry));
      AgentAuthenticator agents = new AgentAuthenticator(config.agents());
      runtime.listener = runtime.parts.push("http-listener",
          HttpProxyListener.start(config.proxy(), agents, publisher, replies));
      runtime.postgres = runtime.parts.push("postgres-listener",
          PostgresProxyListener.start(config.proxy(), agents, publisher, replies));
      if (config.proxy().kubernetes() != null) {
        runtime.kubernetes = runtime.parts.push("kubernetes-listener",
            KubernetesProxyListener.start(config.proxy(), agents, publisher, replies));
      }
      return runtime;
    } catch (RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  public String httpUrl() {
    return "http://" + listener.address().getHostString() + ":" + listener.port();
  }

  /** {@code host:port} of the PostgreSQL proxy. */
  StageTimings postgresStageTimings() {
    return postgres.stageTimings();
  }

  public String postgresAddress() {
    return postgres.address().getHostString() + ":" + postgres.port();
  }

  /** {@code https://host:port} of the Kubernetes listener, or null when {@code proxy.kubernetes} is not set. */
  public String kubernetesUrl() {
    return kubernetes == null ? null : "https://" + kubernetes.address().getHostString() + ":" + kubernetes.port();
  }

  @Override
  public void close() {
    parts.close();
  }
}
