package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.SharedKafka;
import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ApproversConfig;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.RestSchemaRegistryClient;
import dev.witness.schemas.registry.embedded.EmbeddedSchemaRegistry;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.StreamsSettings;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.testing.ItKafka;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.verdict.VerdictTopology;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
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

/** Require approval, approve through witness.approval-decisions, re-run: verdict, approval and ledger applications on the real broker. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalsIT {

  private static final int PARTITIONS = 3;
  private static final int REPLY_PARTITIONS = 4;
  private static final int PROXY_REPLY_PARTITION = 1;
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final PolicyConfig POLICY = new PolicyConfig("allow", List.of(
      new PolicyRule("approve-ddl", null, null, "require-approval", null, "request.sql.kind == 'DDL'", null,
          new ApprovalRequirement(1, "dba", Duration.ofMinutes(10), Duration.ofMinutes(15)))),
      new ApproversConfig(Map.of("dba", List.of("bob@example.com"))));

  private final String prefix = "it-approvals-" + UUID.randomUUID().toString().substring(0, 8);
  private final List<KafkaStreams> running = new ArrayList<>();
  private EmbeddedSchemaRegistry registryServer;
  private RestSchemaRegistryClient registry;
  private ItKafka kafka;
  private Producer<String, SpecificRecord> producer;

  @BeforeAll
  void start() throws Exception {
    String bootstrap = SharedKafka.bootstrap();
    Path stateRoot = Files.createTempDirectory("witness-approvals-it");
    registryServer = EmbeddedSchemaRegistry.start(bootstrap, "127.0.0.1", 0);
    registry = new RestSchemaRegistryClient(registryServer.url(), Duration.ofSeconds(10));
    kafka = new ItKafka(bootstrap, registry);
    kafka.createTopics(Map.of(
        Topics.REQUESTS.name(), PARTITIONS,
        Topics.REPLIES.name(), REPLY_PARTITIONS,
        Topics.APPROVALS.name(), PARTITIONS,
        Topics.APPROVAL_DECISIONS.name(), PARTITIONS,
        Topics.LEDGER.name(), PARTITIONS));
    producer = kafka.producer();
    Clock clock = Clock.systemUTC();
    start(VerdictTopology.build(registry, POLICY, clock), StreamsSettings.interactive(bootstrap,
        TopologyNames.applicationId(prefix, TopologyNames.VERDICTS), stateRoot.resolve("verdicts").toString(), 1));
    start(ApprovalTopology.build(registry, POLICY, clock), StreamsSettings.interactive(bootstrap,
        TopologyNames.applicationId(prefix, TopologyNames.APPROVALS), stateRoot.resolve("approvals").toString(), 1));
    start(LedgerTopology.build(registry, PARTITIONS, clock), StreamsSettings.ledger(bootstrap,
        TopologyNames.applicationId(prefix, TopologyNames.LEDGER), stateRoot.resolve("ledger").toString(), 1));
  }

  @AfterAll
  void stop() {
    running.forEach(s -> s.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
        .withTimeout(Duration.ofSeconds(30))));
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
  void anApprovedStatementIsReleasedToTheWaitingProxyAndPassesWhenRunAgain() {
    String session = prefix + "-s";
    String statement = "ALTER TABLE " + prefix.replace('-', '_') + " DROP COLUMN email";
    RequestIntercepted request = TestEvents.sql(session, 1, statement, PROXY_REPLY_PARTITION);

    kafka.send(producer, Topics.REQUESTS.name(), session, request);
    Verdict first = (Verdict) kafka.awaitReply(request.getRequestId(), Verdict.class, WAIT).value();
    assertThat(first.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);

    kafka.send(producer, Topics.APPROVAL_DECISIONS.name(), first.getApprovalId(), ApprovalDecision.newBuilder()
        .setDecisionId(UUID.randomUUID().toString())
        .setApprovalId(first.getApprovalId())
        .setChannel("cli")
        .setApproverId("U0BOB")
        .setApproverEmail("bob@example.com")
        .setApprove(true)
        .setDecidedAt(Instant.now())
        .build());
    ConsumerRecord<String, SpecificRecord> followUp = kafka.awaitReplyMatching(r -> r.value() instanceof Verdict v
        && v.getRequestId().equals(request.getRequestId()) && v.getDecision() == Decision.ALLOW, WAIT);

    assertThat(followUp.partition()).isEqualTo(PROXY_REPLY_PARTITION);
    assertThat(followUp.key()).isEqualTo(session);
    assertThat(((Verdict) followUp.value()).getApprovalId()).isEqualTo(first.getApprovalId());

    // The grant reaches the verdict application's global store asynchronously: re-run until it has.
    AtomicInteger sequence = new AtomicInteger(1);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      RequestIntercepted rerun = TestEvents.sql(session + "-rerun", sequence.incrementAndGet(), statement, PROXY_REPLY_PARTITION);
      kafka.send(producer, Topics.REQUESTS.name(), rerun.getHeader().getSessionId(), rerun);
      Verdict verdict = (Verdict) kafka.awaitReply(rerun.getRequestId(), Verdict.class, WAIT).value();
      assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
      assertThat(verdict.getApprovalId()).isEqualTo(first.getApprovalId());
    });

    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<String> chained = new ArrayList<>();
      for (List<LedgerEntry> chain : kafka.readLedger().values()) {
        chain.stream().filter(e -> session.equals(TestEvents.sessionOf(e)))
            .forEach(e -> chained.add(e.getEvent().getClass().getSimpleName()));
      }
      assertThat(chained).contains("RequestIntercepted", "ApprovalRequested", "ApprovalDecided")
          .filteredOn("Verdict"::equals).hasSize(2);
    });
  }

  private void start(Topology topology, Properties props) {
    KafkaStreams streams = new KafkaStreams(topology, props);
    running.add(streams);
    streams.start();
    await().atMost(WAIT).until(() -> streams.state() == KafkaStreams.State.RUNNING);
  }
}
