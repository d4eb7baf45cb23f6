package dev.witness.deploy.cluster;

import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.SqlRequest;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.proof.ChainVerification;
import dev.witness.schemas.proof.ChainVerifier;
import dev.witness.schemas.registry.SchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.ledger.LedgerEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads {@code witness.ledger} from its first committed entry to its end (read_committed) and
 * checks it: each partition's chain verifies from genesis (gap-free sequences, linked hashes), no
 * event id is chained twice, and which statement markers have a recorded request and an ALLOW
 * verdict.
 */
final class LedgerAudit {

  private static final Pattern MARKER = Pattern.compile(Pattern.quote(StatementLoad.MARKER_PREFIX) + "[0-9]+-[0-9]+");

  /** What the ledger holds. */
  record Result(long entries, Map<Integer, ChainVerification> chains, List<String> duplicateEventIds,
      Set<String> requestMarkers, Set<String> allowedMarkers, long verdictsPerRequestAboveOne) {}

  private LedgerAudit() {}

  static Result read(String bootstrap, int partitions, SchemaRegistryClient registry, Duration timeout) {
    AvroEventDeserializer<LedgerEntry> entries = new AvroEventDeserializer<>(registry, LedgerEntry.class);
    Map<Integer, ChainVerifier> verifiers = new HashMap<>();
    Set<String> eventIds = new HashSet<>();
    List<String> duplicates = new ArrayList<>();
    Set<String> requestMarkers = new HashSet<>();
    Map<String, String> markerByRequestId = new HashMap<>();
    Map<String, Integer> verdictsByRequestId = new HashMap<>();
    Set<String> allowedRequestIds = new HashSet<>();
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ConsumerConfig.CLIENT_ID_CONFIG, "witness-cluster-test-audit",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> all = IntStream.range(0, partitions)
          .mapToObj(p -> new TopicPartition(Topics.LEDGER.name(), p)).toList();
      consumer.assign(all);
      consumer.seekToBeginning(all);
      // Under read_committed the end offset is the last stable offset: everything committed so far.
      Map<TopicPartition, Long> end = consumer.endOffsets(all, timeout);
      long deadline = System.nanoTime() + timeout.toNanos();
      while (all.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("witness.ledger not read to its end within " + timeout);
        }
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
          if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
            continue;
          }
          LedgerEntry entry = entries.deserialize(record.topic(), record.value());
          count++;
          verifiers.computeIfAbsent(record.partition(), p -> ChainVerifier.fromGenesis()).accept(entry);
          SpecificRecord event = (SpecificRecord) entry.getEvent();
          String eventId = LedgerEvents.eventId(event).orElse("(none)");
          if (!eventIds.add(eventId)) {
            duplicates.add(eventId);
          }
          if (event instanceof RequestIntercepted request && request.getBody() instanceof SqlRequest sql) {
            Matcher m = MARKER.matcher(sql.getStatement());
            if (m.find()) {
              requestMarkers.add(m.group());
              markerByRequestId.put(request.getRequestId(), m.group());
            }
          } else if (event instanceof Verdict verdict) {
            verdictsByRequestId.merge(verdict.getRequestId(), 1, Integer::sum);
            if (verdict.getDecision() == Decision.ALLOW) {
              allowedRequestIds.add(verdict.getRequestId());
            }
          }
        }
      }
    }
    Map<Integer, ChainVerification> chains = new HashMap<>();
    verifiers.forEach((p, v) -> chains.put(p, v.result()));
    Set<String> allowedMarkers = new HashSet<>();
    allowedRequestIds.forEach(id -> {
      String marker = markerByRequestId.get(id);
      if (marker != null) {
        allowedMarkers.add(marker);
      }
    });
    long repeated = verdictsByRequestId.values().stream().filter(n -> n > 1).count();
    return new Result(count, chains, duplicates, requestMarkers, allowedMarkers, repeated);
  }
}
