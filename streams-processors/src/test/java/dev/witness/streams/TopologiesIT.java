package dev.witness.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.ResponseChunk;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.ledger.LedgerChain;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.masking.MaskingTopology;
import dev.witness.streams.testing.ItKafka;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The three topologies on real Kafka Streams against the shared embedded broker and registry. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TopologiesIT {

  private static final int LEDGER_PARTITIONS = 3;
  private static final int REPLY_PARTITIONS = 4;
  private static final int PROXY_REPLY_PARTITION = 2;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final PolicyConfig POLICY = new PolicyConfig("allow", List.of(new PolicyRule(
      "deny-admin", null, new RuleMatch(null, null, null, null, List.of("/admin/**")), "deny", "admin is off limits"),
      new PolicyRule("no-shell", null, null, "deny", "no shells", "request.mcp.tool == 'run_shell'", null, null)));

  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<KafkaStreams> running = new ArrayList<>();
  private Path stateRoot;
  private EmbeddedSchemaRegistry registryServer;
  private RestSchemaRegistryClient registry;
  private ItKafka kafka;
  private Producer<String, SpecificRecord> producer;
  private KafkaStreams ledger;

  @BeforeAll
  void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    stateRoot = Files.createTempDirectory("witness-streams-it");
    registryServer = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    registry = new RestSchemaRegistryClient(registryServer.url(), Duration.ofSeconds(10));
    kafka = new ItKafka(bootstrap, registry);
    kafka.createTopics(Map.of(
        Topics.REQUESTS.name(), LEDGER_PARTITIONS,
        Topics.RESPONSES_RAW.name(), LEDGER_PARTITIONS,
        Topics.REPLIES.name(), REPLY_PARTITIONS,
        Topics.APPROVALS.name(), LEDGER_PARTITIONS,
        Topics.LEDGER.name(), LEDGER_PARTITIONS));
    producer = kafka.producer();
    Clock clock = Clock.systemUTC();
    startStreams(VerdictTopology.build(registry, POLICY, clock), interactive(TopologyNames.VERDICTS));
    startStreams(MaskingTopology.build(registry, clock), interactive(TopologyNames.MASKING));
    ledger = startLedger();
  }

  @AfterAll
  void stop() {
    new ArrayList<>(running).forEach(this::close);
    if (producer != null) {
      producer.close();
    }
    if (registry != null) {
      registry.close();
    }
    if (registryServer != null) {
      registryServer.close();
    }
  }

  @Test
  void aRequestGetsItsVerdictAndItsMaskedResponseAndAllThreeAreChained() {
    String session = prefix + "-round-trip";
    RequestIntercepted request = TestEvents.http(session, 1, "GET", "/customers/1", PROXY_REPLY_PARTITION);

    kafka.send(producer, Topics.REQUESTS.name(), session, request);
    ConsumerRecord<String, SpecificRecord> verdictRecord = kafka.awaitReply(request.getRequestId(), Verdict.class, WAIT);

    assertThat(verdictRecord.partition()).isEqualTo(PROXY_REPLY_PARTITION);
    assertThat(verdictRecord.key()).isEqualTo(session);
    assertThat(((Verdict) verdictRecord.value()).getDecision()).isEqualTo(Decision.ALLOW);

    ResponseChunk chunk = TestEvents.chunk(request, 2, 0, true, "[{\"id\":1}]");
    kafka.send(producer, Topics.RESPONSES_RAW.name(), session, chunk);
    ConsumerRecord<String, SpecificRecord> maskedRecord =
        kafka.awaitReply(request.getRequestId(), MaskedChunk.class, WAIT);

    assertThat(maskedRecord.partition()).isEqualTo(PROXY_REPLY_PARTITION);
    assertThat(TestEvents.text(((MaskedChunk) maskedRecord.value()).getPayload())).isEqualTo("[{\"id\":1}]");

    List<LedgerEntry> entries = awaitLedgerEntries(session, 3);
    // Sources of one session arrive through different input partitions, so only the set is fixed.
    assertThat(entries).extracting(e -> e.getEvent().getClass().getSimpleName())
        .containsExactlyInAnyOrder("RequestIntercepted", "Verdict", "MaskedChunk");
    assertThat(entries).extracting(LedgerEntry::getPartition).containsOnly(entries.get(0).getPartition());
    assertEveryChainIsIntact();
  }

  @Test
  void theToolsAListedResultMayShowAreDecidedByTheVerdictTopologyAndRecorded() {
    String session = prefix + "-tools-list";
    RequestIntercepted listed = RequestIntercepted.newBuilder()
        .setHeader(TestEvents.header(session, 1, "agent-1", dev.witness.schemas.event.Protocol.MCP))
        .setRequestId("req-" + session)
        .setReplyPartition(PROXY_REPLY_PARTITION)
        .setAuthentication(dev.witness.schemas.event.Authentication.newBuilder()
            .setOutcome(dev.witness.schemas.event.AuthenticationOutcome.SUCCEEDED).setMethod("bearer-token").build())
        .setBody(dev.witness.schemas.event.McpRequest.newBuilder().setMethod("tools/list").setJsonRpcId("2")
            .setListedTools(List.of("get_customer", "run_shell")).build())
        .build();

    kafka.send(producer, Topics.REQUESTS.name(), session, listed);
    Verdict verdict = (Verdict) kafka.awaitReply(listed.getRequestId(), Verdict.class, WAIT).value();

    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getHiddenTools()).containsExactly("run_shell");
    assertThat(verdict.getRules()).containsExactly("no-shell");
    List<LedgerEntry> entries = awaitLedgerEntries(session, 2);
    assertThat(entries).extracting(e -> e.getEvent().getClass().getSimpleName())
        .containsExactlyInAnyOrder("RequestIntercepted", "Verdict");
  }

  @Test
  void theLedgerContinuesItsChainsAfterARestartAndAfterLosingItsLocalState() {
    String session = prefix + "-restarts";
    List<RequestIntercepted> first = sendFailedLogins(session, 0, 6);
    awaitLedgerEntries(session, 6);

    close(ledger);
    ledger = startLedger();
    sendFailedLogins(session, 6, 3);
    awaitLedgerEntries(session, 9);
    assertEveryChainIsIntact();

    close(ledger);
    ledger = startLedger(true);
    // Delivered again after the ids were restored from their changelog: it must not be chained twice.
    kafka.send(producer, Topics.REQUESTS.name(), session, first.get(0));
    sendFailedLogins(session, 9, 3);

    List<LedgerEntry> entries = awaitLedgerEntries(session, 12);
    assertThat(entries).extracting(e -> ((RequestIntercepted) e.getEvent()).getHeader().getSequence())
        .containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
    assertEveryChainIsIntact();
  }

  private List<RequestIntercepted> sendFailedLogins(String session, int from, int count) {
    List<RequestIntercepted> sent = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      RequestIntercepted request =
          TestEvents.http(session, i, "GET", "/", PROXY_REPLY_PARTITION, AuthenticationOutcome.FAILED);
      kafka.send(producer, Topics.REQUESTS.name(), session, request);
      sent.add(request);
    }
    return sent;
  }

  private List<LedgerEntry> awaitLedgerEntries(String session, int count) {
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

  private void assertEveryChainIsIntact() {
    Map<Integer, List<LedgerEntry>> chains = kafka.readLedger();
    assertThat(chains).isNotEmpty();
    chains.forEach((partition, chain) -> {
      assertThat(chain).extracting(LedgerEntry::getPartition).containsOnly(partition);
      assertThat(LedgerChain.verify(chain).problem()).as("chain of partition %d", partition).isNull();
    });
  }

  private Properties interactive(String topology) {
    return StreamsSettings.interactive(SharedKafka.bootstrap(), TopologyNames.applicationId(prefix, topology),
        stateRoot.resolve(topology).toString(), 1);
  }

  private KafkaStreams startLedger() {
    return startLedger(false);
  }

  private KafkaStreams startLedger(boolean wipeLocalState) {
    Properties props = StreamsSettings.ledger(SharedKafka.bootstrap(),
        TopologyNames.applicationId(prefix, TopologyNames.LEDGER), stateRoot.resolve("ledger").toString(), 1);
    return startStreams(LedgerTopology.build(registry, LEDGER_PARTITIONS, Clock.systemUTC()), props, wipeLocalState);
  }

  private KafkaStreams startStreams(Topology topology, Properties props) {
    return startStreams(topology, props, false);
  }

  private KafkaStreams startStreams(Topology topology, Properties props, boolean wipeLocalState) {
    KafkaStreams streams = new KafkaStreams(topology, props);
    if (wipeLocalState) {
      // Forces the chain heads and chained ids to be restored from their changelog topics.
      streams.cleanUp();
    }
    running.add(streams);
    streams.start();
    await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
    return streams;
  }

  private void close(KafkaStreams streams) {
    // Leaving the group lets a restarted instance take the partitions without a session timeout.
    streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30)));
    running.remove(streams);
  }
}
