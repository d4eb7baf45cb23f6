package dev.witness.proxy.publish;

import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topic;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes proxy events to Kafka with acks=all and idempotence, keyed by session id.
 *
 * <p>{@code send()} runs on one dedicated thread, never on a Netty event loop: it blocks while
 * metadata is missing (broker down) and the registry client may do HTTP on first use. One thread
 * also keeps the submission order, which idempotence then preserves per partition.
 */
public final class KafkaEventPublisher implements EventPublisher {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);

  private final Producer<String, SpecificRecord> producer;
  private final ExecutorService sender;
  private final Duration produceTimeout;

  KafkaEventPublisher(Producer<String, SpecificRecord> producer, Duration produceTimeout) {
    this.producer = producer;
    this.produceTimeout = produceTimeout;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "witness-event-publisher");
      t.setDaemon(true);
      return t;
    });
  }

  /** A publisher for {@code bootstrap} that fails a publish after {@code produceTimeout}. */
  public static KafkaEventPublisher create(String bootstrap, SchemaRegistryClient registry, Duration produceTimeout) {
    Producer<String, SpecificRecord> producer = new KafkaProducer<>(
        KafkaClientSettings.producer(bootstrap, produceTimeout, "witness-proxy"),
        new StringSerializer(),
        new AvroEventSerializer<>(registry));
    return new KafkaEventPublisher(producer, produceTimeout);
  }

  /** A publisher for the configured cluster and produce timeout. */
  public static KafkaEventPublisher create(KafkaConfig kafka, SchemaRegistryClient registry) {
    return create(kafka.bootstrap(), registry, kafka.produceTimeout());
  }

  @Override
  public CompletableFuture<Void> publish(RequestIntercepted request) {
    return send(Topics.REQUESTS, request.getHeader().getSessionId(), request);
  }

  @Override
  public CompletableFuture<Void> publish(ResponseChunk chunk) {
    return send(Topics.RESPONSES_RAW, chunk.getHeader().getSessionId(), chunk);
  }

  @Override
  public CompletableFuture<Void> publish(ApprovalDecision decision) {
    return send(Topics.APPROVAL_DECISIONS, decision.getApprovalId(), decision);
  }

  private CompletableFuture<Void> send(Topic<?> topic, String key, SpecificRecord value) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      sender.execute(() -> {
        if (done.isDone()) {
          // Timed out while queued behind a blocked send: the agent already got its error.
          return;
        }
        try {
          producer.send(new ProducerRecord<>(topic.name(), key, value), (metadata, error) -> {
            if (error == null) {
              done.complete(null);
            } else {
              done.completeExceptionally(error);
            }
          });
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      done.completeExceptionally(new IllegalStateException("publisher is closed", e));
    }
    // The producer's own timeouts should fire first; this bounds the wait if they do not.
    Deadlines.within(done, produceTimeout.plusSeconds(1));
    done.whenComplete((ok, error) -> {
      if (error != null) {
        LOG.warn("event not published topic={} sessionId={} error={}", topic.name(), key, error.toString());
      }
    });
    return done;
  }

  /** The producer, only for reading its client metrics (e.g. Micrometer's KafkaClientMetrics). */
  public Producer<?, ?> producer() {
    return producer;
  }

  @Override
  public void close() {
    sender.shutdown();
    try {
      if (!sender.awaitTermination(produceTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        sender.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(produceTimeout);
  }
}
