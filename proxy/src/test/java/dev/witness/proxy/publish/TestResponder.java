package dev.witness.proxy.publish;

import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.serde.AvroEventSerializer;
import dev.witness.schemas.topic.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plays the streams side in integration tests: reads witness.requests and witness.responses.raw
 * with the real serdes, answers verdicts by {@code policy} (null = stay silent) and masked chunks
 * by {@code mask}, on the reply partition each event names. Keeps every raw value it read.
 */
public final class TestResponder implements AutoCloseable {

  public final List<RequestIntercepted> requests = new CopyOnWriteArrayList<>();
  public final List<ResponseChunk> chunks = new CopyOnWriteArrayList<>();
  public final List<byte[]> rawValues = new CopyOnWriteArrayList<>();

  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, SpecificRecord> producer;
  private final AvroEventDeserializer<RequestIntercepted> requestSerde;
  private final AvroEventDeserializer<ResponseChunk> chunkSerde;
  private final Function<RequestIntercepted, Decision> policy;
  private final UnaryOperator<byte[]> mask;
  private final Thread thread;
  private volatile boolean running = true;

  private TestResponder(String bootstrap, SchemaRegistryClient registry,
      Function<RequestIntercepted, Decision> policy, UnaryOperator<byte[]> mask) {
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest"), new StringDeserializer(), new ByteArrayDeserializer());
    this.producer = new KafkaProducer<>(Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new AvroEventSerializer<>(registry));
    this.requestSerde = new AvroEventDeserializer<>(registry, RequestIntercepted.class);
    this.chunkSerde = new AvroEventDeserializer<>(registry, ResponseChunk.class);
    this.policy = policy;
    this.mask = mask;
    this.thread = new Thread(this::run, "test-responder");
    this.thread.setDaemon(true);
  }

  /** Starts at the end of both topics and returns once positioned there. */
  public static TestResponder start(String bootstrap, SchemaRegistryClient registry,
      Function<RequestIntercepted, Decision> policy, UnaryOperator<byte[]> mask) {
    TestResponder responder = new TestResponder(bootstrap, registry, policy, mask);
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : List.of(Topics.REQUESTS.name(), Topics.RESPONSES_RAW.name())) {
      for (PartitionInfo p : responder.consumer.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    responder.consumer.assign(partitions);
    responder.consumer.seekToEnd(partitions);
    partitions.forEach(responder.consumer::position);
    responder.thread.start();
    return responder;
  }

  private void run() {
    try {
      while (running) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
          rawValues.add(record.value());
          if (record.topic().equals(Topics.REQUESTS.name())) {
            onRequest(requestSerde.deserialize(record.topic(), record.value()));
          } else {
            onChunk(chunkSerde.deserialize(record.topic(), record.value()));
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private void onRequest(RequestIntercepted request) {
    requests.add(request);
    if (request.getAuthentication().getOutcome() == AuthenticationOutcome.FAILED) {
      return;
    }
    if (request.getBody() instanceof dev.witness.schemas.event.McpRequest listed && listed.getListedTools() != null) {
      // As the verdict topology does: hide each listed tool whose call the policy denies.
      List<String> hidden = listed.getListedTools().stream().filter(tool -> policy.apply(
          RequestIntercepted.newBuilder(request).setBody(dev.witness.schemas.event.McpRequest.newBuilder(listed)
              .setMethod("tools/call").setToolName(tool).setListedTools(null).build()).build()) == Decision.DENY)
          .toList();
      Verdict verdict = Replies.allow(request);
      verdict.setHiddenTools(hidden);
      reply(request.getReplyPartition(), request.getHeader().getSessionId(), verdict);
      return;
    }
    Decision decision = policy.apply(request);
    if (decision != null) {
      List<String> rules = decision == Decision.ALLOW ? List.of() : List.of("test-rule");
      reply(request.getReplyPartition(), request.getHeader().getSessionId(),
          Replies.verdict(request, decision, rules, decision == Decision.ALLOW ? null : "test policy says no"));
    }
  }

  private void onChunk(ResponseChunk chunk) {
    chunks.add(chunk);
    if (chunk.getError() != null && chunk.getHead() == null && chunk.getChunkIndex() == 0) {
      return; // an upstream failure record: nobody waits for it
    }
    byte[] raw = new byte[chunk.getPayload().remaining()];
    chunk.getPayload().duplicate().get(raw);
    if (mask.apply(raw) == null) {
      return; // the test's mask withholds this chunk: no reply, as if masking were down
    }
    reply(chunk.getReplyPartition(), chunk.getHeader().getSessionId(), Replies.masked(chunk, mask));
  }

  /**
   * Sends the follow-up verdict the approval topology sends once a held request's approval is
   * decided (same request id), e.g. ALLOW after an approver said yes.
   */
  public void decide(RequestIntercepted request, Decision decision) {
    reply(request.getReplyPartition(), request.getHeader().getSessionId(),
        Replies.verdict(request, decision, List.of("test-rule"), decision == Decision.ALLOW ? null : "decided no"));
  }

  private void reply(int partition, String key, SpecificRecord value) {
    producer.send(new ProducerRecord<>(Topics.REPLIES.name(), partition, key, value));
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
