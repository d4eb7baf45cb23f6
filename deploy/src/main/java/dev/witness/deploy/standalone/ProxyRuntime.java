package dev.witness.deploy.standalone;

import dev.witness.deploy.metrics.MeteredReplyChannel;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.http.HttpProxyListener;
import dev.witness.proxy.http.KubernetesProxyListener;
import dev.witness.proxy.pg.PostgresProxyListener;
import dev.witness.proxy.pg.StageTimings;
import dev.witness.proxy.publish.EncryptingEventPublisher;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ExchangeStageTimer;
import dev.witness.proxy.publish.KafkaEventPublisher;
import dev.witness.proxy.publish.KafkaReplyChannel;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.WitnessConfig;
import dev.witness.schemas.registry.SchemaRegistryClient;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.List;

/** The HTTP and PostgreSQL proxies with their shared Kafka publisher and reply channel. */
public final class ProxyRuntime implements AutoCloseable {

  private final ShutdownStack parts = new ShutdownStack();
  private HttpProxyListener listener;
  private PostgresProxyListener postgres;
  private KubernetesProxyListener kubernetes;
  private final ExchangeStageTimer httpTimer = new ExchangeStageTimer();
  private KafkaEventPublisher kafkaPublisher;
  private KafkaReplyChannel kafkaReplies;

  public static ProxyRuntime start(WitnessConfig config, SchemaRegistryClient registry) {
    ProxyRuntime runtime = new ProxyRuntime();
    try {
      runtime.kafkaReplies = runtime.parts.push("reply-channel",
          KafkaReplyChannel.start(config.kafka(), config.proxy(), registry));
      ReplyChannel replies = runtime.httpTimer.replies(MeteredReplyChannel.wrap(runtime.kafkaReplies));
      runtime.kafkaPublisher = runtime.parts.push("event-publisher", KafkaEventPublisher.create(config.kafka(), registry));
      // Raw chunks are encrypted before they are timed and produced (masking.rawEncryption).
      EventPublisher publisher = runtime.httpTimer.publisher(
          EncryptingEventPublisher.wrap(runtime.kafkaPublisher, config.masking().rawEncryption()));
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

  /**
   * Micrometer binders of the proxy's Kafka clients (event producer, reply consumer): bind them to
   * the process's registry ({@code ProcessMetrics.bind}) to serve {@code kafka_producer_*} and
   * {@code kafka_consumer_*} at /metrics.
   */
  public List<MeterBinder> kafkaClientMetrics() {
    return List.of(new KafkaClientMetrics(kafkaPublisher.producer()), new KafkaClientMetrics(kafkaReplies.consumer()));
  }

  public String httpUrl() {
    return "http://" + listener.address().getHostString() + ":" + listener.port();
  }

  /** {@code host:port} of the PostgreSQL proxy. */
  StageTimings postgresStageTimings() {
    return postgres.stageTimings();
  }

  /** Where HTTP-framed exchanges (REST, MCP, OpenAI, Kubernetes) spend their time. */
  StageTimings httpStageTimings() {
    return httpTimer.timings();
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
