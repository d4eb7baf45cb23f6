package dev.witness.proxy.publish;

import dev.witness.embedded.SharedKafka;
import dev.witness.proxy.Closing;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The Kafka side of a proxy integration test: the Witness topics on the shared broker, an embedded
 * schema registry, a {@link TestResponder} in place of the streams topologies, and the publisher
 * and reply channel a proxy listener is started with.
 */
public final class StreamsStandIn implements AutoCloseable {

  private final EmbeddedSchemaRegistry registry;
  private final RestSchemaRegistryClient proxyRegistry;
  private final RestSchemaRegistryClient responderRegistry;
  private final TestResponder responder;
  private final KafkaEventPublisher publisher;
  private final KafkaReplyChannel replies;

  private StreamsStandIn(int replyPartition, Function<RequestIntercepted, Decision> policy,
      UnaryOperator<byte[]> mask) {
    String bootstrap = SharedKafka.bootstrap();
    TestTopics.create(bootstrap);
    registry = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    // Separate clients, as separate processes would have: ids travel only through the registry.
    proxyRegistry = new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(5));
    responderRegistry = new RestSchemaRegistryClient(registry.url(), Duration.ofSeconds(5));
    responder = TestResponder.start(bootstrap, responderRegistry, policy, mask);
    publisher = KafkaEventPublisher.create(bootstrap, proxyRegistry, Duration.ofSeconds(5));
    replies = KafkaReplyChannel.start(bootstrap, proxyRegistry, replyPartition, Duration.ofSeconds(30));
  }

  /**
   * Starts it all; the responder answers verdicts by {@code policy} (null = stay silent) and masks
   * chunks by {@code mask}, and the reply channel reads {@code replyPartition}.
   */
  public static StreamsStandIn start(int replyPartition, Function<RequestIntercepted, Decision> policy,
      UnaryOperator<byte[]> mask) {
    return new StreamsStandIn(replyPartition, policy, mask);
  }

  /** The events the proxy published and the chunks it had masked, as the responder read them. */
  public TestResponder responder() {
    return responder;
  }

  /** Where the proxy under test publishes its events. */
  public KafkaEventPublisher publisher() {
    return publisher;
  }

  /** Where the proxy under test waits for verdicts and masked chunks. */
  public KafkaReplyChannel replies() {
    return replies;
  }

  /** The proxy's own schema registry client, for another publisher next to {@link #publisher()}. */
  public RestSchemaRegistryClient proxyRegistry() {
    return proxyRegistry;
  }

  @Override
  public void close() {
    Closing.inOrder(replies, publisher, responder, proxyRegistry, responderRegistry, registry);
  }
}
