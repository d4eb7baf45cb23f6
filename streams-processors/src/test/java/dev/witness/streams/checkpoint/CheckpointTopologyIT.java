package dev.witness.streams.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Checkpoint;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.proof.CheckpointVerifier;
import dev.witness.schemas.proof.InclusionProof;
import dev.witness.schemas.proof.MerkleTree;
import dev.witness.schemas.proof.PartitionRoot;
import dev.witness.schemas.proof.SigningKey;
import dev.witness.schemas.proof.SigningKeys;
import dev.witness.schemas.proof.TrustedKeys;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.testing.TopologyItSupport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ledger and the checkpointer on real Kafka Streams (exactly-once) against the shared embedded broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckpointTopologyIT {

  private static final int LEDGER_PARTITIONS = 3;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final CheckpointCadence CADENCE = new CheckpointCadence(5, Duration.ofSeconds(1));
  private static final Map<String, Integer> TOPICS = Map.of(
      Topics.REQUESTS.name(), LEDGER_PARTITIONS,
      Topics.REPLIES.name(), 4,
      Topics.APPROVALS.name(), LEDGER_PARTITIONS,
      Topics.LEDGER.name(), LEDGER_PARTITIONS,
      Topics.CHECKPOINTS.name(), 1);

  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final SigningKey key = SigningKeys.generate();
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private TopologyItSupport support;
  private KafkaConsumer<String, Checkpoint> checkpointConsumer;

  @BeforeAll
  void start() throws Exception {
    support = TopologyItSupport.start(prefix);
    // One chain per ledger partition: another test's ledger application must not have written these.
    deleteTopics();
    support.kafka().createTopics(TOPICS);
    startStreams(LedgerTopology.build(support.registry(), LEDGER_PARTITIONS, Clock.systemUTC()), TopologyNames.LEDGER,
        false);
    checkpointConsumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, support.bootstrap(),
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new AvroEventDeserializer<>(support.registry(), Checkpoint.class));
    TopicPartition only = new TopicPartition(Topics.CHECKPOINTS.name(), 0);
    checkpointConsumer.assign(List.of(only));
    checkpointConsumer.seekToEnd(List.of(only));
    checkpointConsumer.position(only);
  }

  @AfterAll
  void stop() throws Exception {
    if (support != null) {
      support.close();
    }
    if (checkpointConsumer != null) {
      checkpointConsumer.close();
    }
    // Leaves the next test of this JVM a ledger without this test's chains.
    deleteTopics();
  }

  @Test
  void signedCheckpointsCoverTheLedgerAndSurviveARestartFromTheChangelog() {
    KafkaStreams checkpointer = startCheckpointer(false);
    String session = prefix + "-checkpoints";
    sendRequests(session, 0, 12);

    Checkpoint first = awaitCheckpointCovering(session, 12);
    assertMatchesTheLedger(first);

    // Local state wiped: the partition trees must come back from their changelog and go on from there.
    support.stop(checkpointer);
    startCheckpointer(true);
    sendRequests(session, 12, 7);

    Checkpoint later = awaitCheckpointCovering(session, 19);
    assertMatchesTheLedger(later);
    assertThat(later.getTreeSize()).isGreaterThan(first.getTreeSize());
    assertThat(checkpoints).allSatisfy(c -> assertThat(CheckpointVerifier.problem(c, TrustedKeys.of(key.publicKey())))
        .as("checkpoint %s", c.getCheckpointId()).isEmpty());
  }

  private static void deleteTopics() throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrap()))) {
      Set<String> existing = new HashSet<>(admin.listTopics().names().get(30, TimeUnit.SECONDS));
      existing.retainAll(TOPICS.keySet());
      admin.deleteTopics(existing).all().get(30, TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> Collections.disjoint(admin.listTopics().names().get(), TOPICS.keySet()));
    }
  }

  private void sendRequests(String session, int from, int count) {
    for (int i = from; i < from + count; i++) {
      // Failed logins are evidence on their own: no verdict topology is needed to chain them.
      support.send(Topics.REQUESTS.name(), session,
          TestEvents.http(session, i, "GET", "/" + i, 0, AuthenticationOutcome.FAILED));
    }
  }

  /** Waits for a checkpoint whose heads cover all {@code count} ledger entries of {@code session}. */
  private Checkpoint awaitCheckpointCovering(String session, int count) {
    List<LedgerEntry> entries = support.awaitLedgerEntries(session, count);
    int partition = entries.get(0).getPartition();
    long lastSequence = entries.stream().mapToLong(LedgerEntry::getEntrySequence).max().orElseThrow();
    Optional<Checkpoint> covering = Optional.empty();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (covering.isEmpty() && System.nanoTime() < deadline) {
      checkpointConsumer.poll(Duration.ofMillis(200)).forEach(r -> checkpoints.add(r.value()));
      covering = checkpoints.stream()
          .filter(c -> c.getHeads().stream()
              .anyMatch(h -> h.getPartition() == partition && h.getEntrySequence() >= lastSequence))
          .findFirst();
    }
    assertThat(covering).as("a checkpoint covering entry %d of partition %d", lastSequence, partition).isPresent();
    Checkpoint checkpoint = covering.get();
    // Every entry of the session is proven by the checkpoint's signed root.
    List<PartitionRoot> partitions = CheckpointVerifier.partitions(checkpoint);
    List<byte[]> hashes = LedgerChains.hashes(support.kafka().readLedger().get(partition));
    for (LedgerEntry entry : entries) {
      InclusionProof proof = InclusionProof.of(hashes, entry.getEntrySequence(), partitions, partition);
      assertThat(proof.verifies(LedgerChains.bytes(entry.getHash()), LedgerChains.bytes(checkpoint.getRootHash())))
          .as("entry %d of partition %d", entry.getEntrySequence(), partition).isTrue();
    }
    return checkpoint;
  }

  /** The checkpoint's heads are the Merkle roots of the ledger's own partitions up to its sizes, and it is signed. */
  private void assertMatchesTheLedger(Checkpoint checkpoint) {
    assertThat(CheckpointVerifier.problem(checkpoint, TrustedKeys.of(key.publicKey()))).isEmpty();
    Map<Integer, List<LedgerEntry>> ledger = support.kafka().readLedger();
    for (PartitionRoot root : CheckpointVerifier.partitions(checkpoint)) {
      List<LedgerEntry> chain = ledger.get(root.partition());
      assertThat(chain.size()).as("partition %d", root.partition()).isGreaterThanOrEqualTo((int) root.size());
      List<byte[]> hashes = LedgerChains.hashes(chain.subList(0, (int) root.size()));
      assertThat(root.root()).as("root of partition %d", root.partition()).isEqualTo(MerkleTree.root(hashes));
      assertThat(root.lastEntryHash()).isEqualTo(hashes.getLast());
    }
  }

  private KafkaStreams startCheckpointer(boolean wipeLocalState) {
    return startStreams(CheckpointTopology.build(support.registry(), key, Clock.systemUTC(), CADENCE),
        TopologyNames.CHECKPOINTS, wipeLocalState);
  }

  private KafkaStreams startStreams(Topology topology, String name, boolean wipeLocalState) {
    return support.start(topology, support.exactlyOnce(name), wipeLocalState);
  }
}
