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
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.schemas.serde.AvroEventDeserializer;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.StreamsSettings;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.testing.ItKafka;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.CloseOptions;
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
  private final List<KafkaStreams> running = new ArrayList<>();
  private final SigningKey key = SigningKeys.generate();
  private final List<Checkpoint> checkpoints = new ArrayList<>();
  private Path stateRoot;
  private EmbeddedSchemaRegistry registryServer;
  private RestSchemaRegistryClient registry;
  private ItKafka kafka;
  private Producer<String, SpecificRecord> producer;
  private KafkaConsumer<String, Checkpoint> checkpointConsumer;

  @BeforeAll
  void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    stateRoot = Files.createTempDirectory("witness-checkpoint-it");
    registryServer = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    registry = new RestSchemaRegistryClient(registryServer.url(), Duration.ofSeconds(10));
    kafka = new ItKafka(bootstrap, registry);
    // One chain per ledger partition: another test's ledger application must not have written these.
    deleteTopics();
    kafka.createTopics(TOPICS);
    producer = kafka.producer();
    startStreams(LedgerTopology.build(registry, LEDGER_PARTITIONS, Clock.systemUTC()), TopologyNames.LEDGER, false);
    checkpointConsumer = new KafkaConsumer<>(
        Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
        new StringDeserializer(), new AvroEventDeserializer<>(registry, Checkpoint.class));
    TopicPartition only = new TopicPartition(Topics.CHECKPOINTS.name(), 0);
    checkpointConsumer.assign(List.of(only));
    checkpointConsumer.seekToEnd(List.of(only));
    checkpointConsumer.position(only);
  }

  @AfterAll
  void stop() throws Exception {
    new ArrayList<>(running).forEach(this::close);
    if (checkpointConsumer != null) {
      checkpointConsumer.close();
    }
    if (producer != null) {
      producer.close();
    }
    // Leaves the next test of this JVM a ledger without this test's chains.
    deleteTopics();
    if (registry != null) {
      registry.close();
    }
    if (registryServer != null) {
      registryServer.close();
    }
  }

  @Test
  void signedCheckpointsCoverTheLedgerAndSurviveARestartFromTheChangelog() {
    KafkaStreams checkpointer = startCheckpointer(false);
    String session = prefix + "-checkpoints";
    sendRequests(session, 0, 12);

    Checkpoint first = awaitCheckpointCovering(session, 12);
    assertMatchesTheLedger(first);

    // Local state wiped: the partition trees must come back from their changelog and go on from there.
    close(checkpointer);
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
      kafka.send(producer, Topics.REQUESTS.name(), session,
          TestEvents.http(session, i, "GET", "/" + i, 0, AuthenticationOutcome.FAILED));
    }
  }

  /** Waits for a checkpoint whose heads cover all {@code count} ledger entries of {@code session}. */
  private Checkpoint awaitCheckpointCovering(String session, int count) {
    List<LedgerEntry> entries = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      entries.clear();
      kafka.readLedger().values().forEach(chain -> chain.stream()
          .filter(e -> session.equals(TestEvents.sessionOf(e))).forEach(entries::add));
      assertThat(entries).hasSize(count);
    });
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
    List<byte[]> hashes = LedgerChains.hashes(kafka.readLedger().get(partition));
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
    Map<Integer, List<LedgerEntry>> ledger = kafka.readLedger();
    for (PartitionRoot root : CheckpointVerifier.partitions(checkpoint)) {
      List<LedgerEntry> chain = ledger.get(root.partition());
      assertThat(chain.size()).as("partition %d", root.partition()).isGreaterThanOrEqualTo((int) root.size());
      List<byte[]> hashes = LedgerChains.hashes(chain.subList(0, (int) root.size()));
      assertThat(root.root()).as("root of partition %d", root.partition()).isEqualTo(MerkleTree.root(hashes));
      assertThat(root.lastEntryHash()).isEqualTo(hashes.getLast());
    }
  }

  private KafkaStreams startCheckpointer(boolean wipeLocalState) {
    return startStreams(CheckpointTopology.build(registry, key, Clock.systemUTC(), CADENCE),
        TopologyNames.CHECKPOINTS, wipeLocalState);
  }

  private KafkaStreams startStreams(Topology topology, String name, boolean wipeLocalState) {
    Properties props = StreamsSettings.ledger(SharedKafka.bootstrap(), TopologyNames.applicationId(prefix, name),
        stateRoot.resolve(name).toString(), 1);
    KafkaStreams streams = new KafkaStreams(topology, props);
    if (wipeLocalState) {
      streams.cleanUp();
    }
    running.add(streams);
    streams.start();
    await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }

  private void close(KafkaStreams streams) {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    running.remove(streams);
  }
}
