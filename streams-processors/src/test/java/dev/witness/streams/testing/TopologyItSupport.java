package dev.witness.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.ScratchDirectory;
import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.streams.StreamsSettings;
import dev.witness.streams.TopologyNames;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

/**
 * Topologies on real Kafka Streams against the shared embedded broker, for integration tests: an
 * embedded schema registry, a proxy-like producer, a state directory, and the applications started
 * so far, which {@link #close()} stops (leaving their groups) before the clients.
 */
public final class TopologyItSupport implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private final String prefix;
  private final String bootstrap;
  private final Path stateRoot;
  private final EmbeddedSchemaRegistry registryServer;
  private final RestSchemaRegistryClient registry;
  private final ItKafka kafka;
  private final Producer<String, SpecificRecord> producer;
  private final List<KafkaStreams> running = new ArrayList<>();

  private TopologyItSupport(String prefix) throws IOException {
    this.prefix = prefix;
    bootstrap = SharedKafka.bootstrap();
    stateRoot = ScratchDirectory.deletedOnExit("witness-" + prefix);
    registryServer = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    registry = new RestSchemaRegistryClient(registryServer.url(), Duration.ofSeconds(10));
    kafka = new ItKafka(bootstrap, registry);
    producer = kafka.producer();
  }

  /**
   * Starts the registry and the producer; {@code prefix} (unique per run) starts the application ids,
   * so that each run has its own consumer groups and internal topics.
   */
  public static TopologyItSupport start(String prefix) throws IOException {
    return new TopologyItSupport(prefix);
  }

  public String bootstrap() {
    return bootstrap;
  }

  public RestSchemaRegistryClient registry() {
    return registry;
  }

  /** Topics, replies and the ledger of the shared broker. */
  public ItKafka kafka() {
    return kafka;
  }

  /** The state directory of the application {@code name}. */
  public Path stateDir(String name) {
    return stateRoot.resolve(name);
  }

  /** The application id of {@code topology} in this run. */
  public String applicationId(String topology) {
    return TopologyNames.applicationId(prefix, topology);
  }

  /** Settings of {@code topology} as an interactive (at-least-once) application of this run. */
  public Properties interactive(String topology) {
    return StreamsSettings.interactive(bootstrap, applicationId(topology), stateDir(topology).toString(), 1);
  }

  /** Settings of {@code topology} as an exactly-once application of this run, like the ledger. */
  public Properties exactlyOnce(String topology) {
    return StreamsSettings.ledger(bootstrap, applicationId(topology), stateDir(topology).toString(), 1);
  }

  /** Sends as the proxy does (durably, Avro) and waits for the broker's acknowledgement. */
  public void send(String topic, String key, SpecificRecord value) {
    kafka.send(producer, topic, key, value);
  }

  /** Starts {@code topology} with {@code props} and waits until it is RUNNING. */
  public KafkaStreams start(Topology topology, Properties props) {
    return start(topology, props, false);
  }

  /** Like {@link #start(Topology, Properties)}; {@code wipeLocalState} first deletes its local state. */
  public KafkaStreams start(Topology topology, Properties props, boolean wipeLocalState) {
    KafkaStreams streams = new KafkaStreams(topology, props);
    if (wipeLocalState) {
      // Forces its stores to be restored from their changelog topics.
      streams.cleanUp();
    }
    running.add(streams);
    streams.start();
    await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }

  /** Stops {@code streams}, leaving its group so that a restarted instance takes over at once. */
  public void stop(KafkaStreams streams) {
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    running.remove(streams);
  }

  /** Waits until the ledger holds exactly {@code count} entries of {@code session}; returns them. */
  public List<LedgerEntry> awaitLedgerEntries(String session, int count) {
    List<LedgerEntry> found = new ArrayList<>();
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      found.clear();
      kafka.readLedger().values().forEach(chain -> chain.stream()
          .filter(e -> session.equals(TestEvents.sessionOf(e)))
          .forEach(found::add));
      assertThat(found).hasSize(count);
    });
    return found;
  }

  @Override
  public void close() {
    new ArrayList<>(running).forEach(this::stop);
    producer.close();
    registry.close();
    registryServer.close();
  }
}
