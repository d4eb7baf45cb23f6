package dev.witness.evidence.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.evidence.support.Checkpoints;
import dev.witness.evidence.support.Events;
import dev.witness.evidence.support.LedgerChain;
import dev.witness.evidence.support.LedgerRecords;
import dev.witness.evidence.support.TestDatabases;
import dev.witness.evidence.support.TestTopics;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.serde.AvroEventSerializer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** Checkpoints from the real broker: verified ones stored once, the others recorded as rejected. */
class CheckpointIngestIT {

  private static final String TOPIC = "witness.checkpoints.ingest-it";
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

  @Test
  void storesVerifiedCheckpointsOnceAndRecordsRejections() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    TestTopics.ensure(bootstrap, TOPIC);
    var dataSource = TestDatabases.migrated("checkpoint_it");
    Jdbi jdbi = Jdbi.create(dataSource);
    SigningKey trusted = SigningKeys.generate();
    CheckpointStore store = new CheckpointStore(dev.witness.evidence.store.EvidenceStore.on(dataSource).jdbi(),
        TrustedKeys.of(trusted.publicKey()));

    LedgerChain chain = new LedgerChain(0);
    Events e = new Events("s", "agent", "http:demo", Protocol.HTTP);
    List<LedgerEntry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(chain.append(e.httpRequest("r" + i, T0, null, false), T0));
    }
    Checkpoint first = Checkpoints.over(entries.subList(0, 3), T0.plusSeconds(1), trusted);
    Checkpoint second = Checkpoints.over(entries, T0.plusSeconds(2), trusted);
    Checkpoint forged = Checkpoints.over(entries, T0.plusSeconds(3), SigningKeys.generate());
    Checkpoint altered = Checkpoint.newBuilder(second).setTreeSize(99).build();

    var serializer = new AvroEventSerializer<Checkpoint>(LedgerRecords.REGISTRY);
    try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
        new StringSerializer(), new ByteArraySerializer())) {
      for (Checkpoint c : List.of(first, second, second, forged, altered)) {
        producer.send(new ProducerRecord<>(TOPIC, 0, null, serializer.serialize(TOPIC, c))).get();
      }
      producer.send(new ProducerRecord<>(TOPIC, 0, null, new byte[] {0, 0, 0, 0, 9, 1})).get();
    }

    CheckpointIngestor ingestor = new CheckpointIngestor(
        CheckpointIngestor.consumer(bootstrap, Map.of("group.id", "checkpoint-it-" + System.nanoTime())), TOPIC,
        LedgerRecords.REGISTRY, store, Duration.ofMillis(100));
    try {
      ingestor.start();
      await().atMost(Duration.ofSeconds(60)).until(() -> ingestor.stored() + ingestor.rejected() >= 5);
    } finally {
      ingestor.close();
    }
    assertThat(ingestor.stored()).isEqualTo(2);
    assertThat(ingestor.rejected()).isEqualTo(3);
    long stored = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM checkpoints").mapTo(Long.class).one());
    assertThat(stored).isEqualTo(2);
    List<String> problems = jdbi.withHandle(h -> h.createQuery(
        "SELECT problem FROM checkpoint_rejections ORDER BY rejection_id").mapTo(String.class).list());
    assertThat(problems).hasSize(3);
    assertThat(problems.get(0)).contains("not among the trusted keys");
    assertThat(problems.get(1)).contains("signature does not verify");
    assertThat(problems.get(2)).contains("not a checkpoint");
    assertThat(store.latest().orElseThrow().checkpointId()).isEqualTo(second.getCheckpointId());
    assertThat(store.firstCovering(0, 1).orElseThrow().checkpointId()).isEqualTo(first.getCheckpointId());
    assertThat(store.firstCovering(0, 4).orElseThrow().checkpointId()).isEqualTo(second.getCheckpointId());
    assertThat(store.firstCovering(0, 5)).isEmpty();
    // what is stored gives back the exact signed record
    assertThat(store.latest().orElseThrow().toCheckpoint()).isEqualTo(second);
  }
}
