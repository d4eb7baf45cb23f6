package dev.witness.streams;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.ledger.LedgerChain;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.masking.MaskingTopology;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.testing.TopologyItSupport;
import dev.witness.streams.verdict.VerdictTopology;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
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
  private TopologyItSupport support;
  private KafkaStreams ledger;

  @BeforeAll
  void start() throws Exception {
    support = TopologyItSupport.start(prefix);
    support.kafka().createTopics(Map.of(
        Topics.REQUESTS.name(), LEDGER_PARTITIONS,
        Topics.RESPONSES_RAW.name(), LEDGER_PARTITIONS,
        Topics.REPLIES.name(), REPLY_PARTITIONS,
        Topics.APPROVALS.name(), LEDGER_PARTITIONS,
        Topics.LEDGER.name(), LEDGER_PARTITIONS));
    Clock clock = Clock.systemUTC();
    support.start(VerdictTopology.build(support.registry(), POLICY, clock),
        support.interactive(TopologyNames.VERDICTS));
    support.start(MaskingTopology.build(support.registry(), clock), support.interactive(TopologyNames.MASKING));
    ledger = startLedger();
  }

  @AfterAll
  void stop() {
    if (support != null) {
      support.close();
    }
  }

  @Test
  void aRequestGetsItsVerdictAndItsMaskedResponseAndAllThreeAreChained() {
    String session = prefix + "-round-trip";
    RequestIntercepted request = TestEvents.http(session, 1, "GET", "/customers/1", PROXY_REPLY_PARTITION);

    support.send(Topics.REQUESTS.name(), session, request);
    ConsumerRecord<String, SpecificRecord> verdictRecord =
        support.kafka().awaitReply(request.getRequestId(), Verdict.class, WAIT);

    assertThat(verdictRecord.partition()).isEqualTo(PROXY_REPLY_PARTITION);
    assertThat(verdictRecord.key()).isEqualTo(session);
    assertThat(((Verdict) verdictRecord.value()).getDecision()).isEqualTo(Decision.ALLOW);

    ResponseChunk chunk = TestEvents.chunk(request, 2, 0, true, "[{\"id\":1}]");
    support.send(Topics.RESPONSES_RAW.name(), session, chunk);
    ConsumerRecord<String, SpecificRecord> maskedRecord =
        support.kafka().awaitReply(request.getRequestId(), MaskedChunk.class, WAIT);

    assertThat(maskedRecord.partition()).isEqualTo(PROXY_REPLY_PARTITION);
    assertThat(TestEvents.text(((MaskedChunk) maskedRecord.value()).getPayload())).isEqualTo("[{\"id\":1}]");

    List<LedgerEntry> entries = support.awaitLedgerEntries(session, 3);
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

    support.send(Topics.REQUESTS.name(), session, listed);
    Verdict verdict = (Verdict) support.kafka().awaitReply(listed.getRequestId(), Verdict.class, WAIT).value();

    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getHiddenTools()).containsExactly("run_shell");
    assertThat(verdict.getRules()).containsExactly("no-shell");
    List<LedgerEntry> entries = support.awaitLedgerEntries(session, 2);
    assertThat(entries).extracting(e -> e.getEvent().getClass().getSimpleName())
        .containsExactlyInAnyOrder("RequestIntercepted", "Verdict");
  }

  @Test
  void theLedgerContinuesItsChainsAfterARestartAndAfterLosingItsLocalState() {
    String session = prefix + "-restarts";
    List<RequestIntercepted> first = sendFailedLogins(session, 0, 6);
    support.awaitLedgerEntries(session, 6);

    support.stop(ledger);
    ledger = startLedger();
    sendFailedLogins(session, 6, 3);
    support.awaitLedgerEntries(session, 9);
    assertEveryChainIsIntact();

    support.stop(ledger);
    ledger = startLedger(true);
    // Delivered again after the ids were restored from their changelog: it must not be chained twice.
    support.send(Topics.REQUESTS.name(), session, first.get(0));
    sendFailedLogins(session, 9, 3);

    List<LedgerEntry> entries = support.awaitLedgerEntries(session, 12);
    assertThat(entries).extracting(e -> ((RequestIntercepted) e.getEvent()).getHeader().getSequence())
        .containsExactlyElementsOf(LongStream.range(0, 12).boxed().toList());
    assertEveryChainIsIntact();
  }

  private List<RequestIntercepted> sendFailedLogins(String session, int from, int count) {
    List<RequestIntercepted> sent = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      RequestIntercepted request =
          TestEvents.http(session, i, "GET", "/", PROXY_REPLY_PARTITION, AuthenticationOutcome.FAILED);
      support.send(Topics.REQUESTS.name(), session, request);
      sent.add(request);
    }
    return sent;
  }

  private void assertEveryChainIsIntact() {
    Map<Integer, List<LedgerEntry>> chains = support.kafka().readLedger();
    assertThat(chains).isNotEmpty();
    chains.forEach((partition, chain) -> {
      assertThat(chain).extracting(LedgerEntry::getPartition).containsOnly(partition);
      assertThat(LedgerChain.verify(chain).problem()).as("chain of partition %d", partition).isNull();
    });
  }

  private KafkaStreams startLedger() {
    return startLedger(false);
  }

  private KafkaStreams startLedger(boolean wipeLocalState) {
    // Wiping forces the chain heads and chained ids to be restored from their changelog topics.
    return support.start(LedgerTopology.build(support.registry(), LEDGER_PARTITIONS, Clock.systemUTC()),
        support.exactlyOnce(TopologyNames.LEDGER), wipeLocalState);
  }
}
