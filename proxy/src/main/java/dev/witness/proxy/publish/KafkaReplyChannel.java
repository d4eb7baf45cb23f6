package dev.witness.proxy.publish;

import dev.witness.schemas.config.KafkaConfig;
import dev.witness.schemas.config.ProxyConfig;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads this instance's partition of {@code witness.replies} with one consumer that is assigned
 * (not subscribed: no group, no rebalances) and starts at the end, and hands each Verdict and
 * MaskedChunk to its waiter.
 */
public final class KafkaReplyChannel implements ReplyChannel {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaReplyChannel.class);
  private static final Duration POLL = Duration.ofMillis(200);

  private final Consumer<String, byte[]> consumer;
  private final TopicPartition partition;
  private final AvroEventDeserializer<SpecificRecord> deserializer;
  private final PendingReplies pending;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final Thread poller;
  private volatile boolean running = true;

  KafkaReplyChannel(Consumer<String, byte[]> consumer, SchemaRegistryClient registry, int partition) {
    this.consumer = consumer;
    this.partition = new TopicPartition(Topics.REPLIES.name(), partition);
    this.deserializer = new AvroEventDeserializer<>(registry, SpecificRecord.class);
    this.pending = new PendingReplies(partition);
    this.poller = new Thread(this::run, "witness-replies-" + partition);
    this.poller.setDaemon(true);
  }

  /**
   * Starts reading {@code partition} and returns once the consumer sits at the end of it, so no
   * reply to a request published afterwards can be missed.
   *
   * @throws IllegalStateException if Kafka does not answer within {@code readyTimeout}
   */
  public static KafkaReplyChannel start(
      String bootstrap, SchemaRegistryClient registry, int partition, Duration readyTimeout) {
    Consumer<String, byte[]> consumer = new KafkaConsumer<>(
        KafkaClientSettings.replyConsumer(bootstrap, "witness-proxy-replies-" + partition),
        new StringDeserializer(), new ByteArrayDeserializer());
    KafkaReplyChannel channel = new KafkaReplyChannel(consumer, registry, partition);
    channel.poller.start();
    try {
      channel.ready.get(readyTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      channel.close();
      throw new IllegalStateException("witness.replies partition " + partition + " is not readable within "
          + readyTimeout + "; is Kafka at " + bootstrap + " up and the topic created?", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw new IllegalStateException("interrupted while starting the reply channel", e);
    }
    return channel;
  }

  /** Starts reading the configured reply partition; waits up to the produce timeout for Kafka. */
  public static KafkaReplyChannel start(KafkaConfig kafka, ProxyConfig proxy, SchemaRegistryClient registry) {
    Duration wait = kafka.produceTimeout().compareTo(Duration.ofSeconds(30)) > 0
        ? kafka.produceTimeout() : Duration.ofSeconds(30);
    return start(kafka.bootstrap(), registry, proxy.replyPartition(), wait);
  }

  /** The reply consumer, only for reading its client metrics (e.g. Micrometer's KafkaClientMetrics). */
  public Consumer<?, ?> consumer() {
    return consumer;
  }

  @Override
  public int partition() {
    return pending.partition();
  }

  @Override
  public CompletableFuture<Verdict> verdict(String requestId, Duration timeout) {
    return pending.verdict(requestId, timeout);
  }

  @Override
  public CompletableFuture<MaskedChunk> maskedChunk(String requestId, int chunkIndex, Duration timeout) {
    return pending.maskedChunk(requestId, chunkIndex, timeout);
  }

  private void run() {
    try {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      // position() resolves the lazy seek now, before anyone publishes.
      long start = consumer.position(partition);
      LOG.info("reply channel ready topic={} partition={} offset={}", partition.topic(), partition.partition(), start);
      ready.complete(null);
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          dispatch(record);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } catch (RuntimeException e) {
      LOG.error("reply channel stopped topic={} partition={} error={}", partition.topic(), partition.partition(), e.toString());
      ready.completeExceptionally(e);
    } finally {
      pending.close();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void dispatch(ConsumerRecord<String, byte[]> record) {
    SpecificRecord reply;
    try {
      reply = deserializer.deserialize(record.topic(), record.value());
    } catch (RuntimeException e) {
      // One undecodable record must not stop every waiting request.
      LOG.warn("reply skipped partition={} offset={} error={}", record.partition(), record.offset(), e.toString());
      return;
    }
    if (reply != null) {
      pending.dispatch(reply);
    }
  }

  @Override
  public void close() {
    running = false;
    if (poller.isAlive()) {
      consumer.wakeup();
    }
    try {
      poller.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
