package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.witness.embedded.ScratchDirectory;
import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ApproversConfig;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.LedgerEntry;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.TopologyNames;
import dev.witness.streams.ledger.LedgerTopology;
import dev.witness.streams.testing.TestEvents;
import dev.witness.streams.testing.TopologyItSupport;
import dev.witness.streams.verdict.VerdictTopology;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
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
      new PolicyRule("approve-ddl", null, null, "require-approval", null, "request.sql.kind == 'DDL'", "pii",
          new ApprovalRequirement(1, "dba", Duration.ofMinutes(10), Duration.ofMinutes(15)))),
      new ApproversConfig(Map.of("dba", List.of("bob@example.com"))));

  private final String prefix = "it-approvals-" + UUID.randomUUID().toString().substring(0, 8);
  private TopologyItSupport support;
  private KafkaStreams approvals;

  @BeforeAll
  void start() throws Exception {
    support = TopologyItSupport.start(prefix);
    support.kafka().createTopics(Map.of(
        Topics.REQUESTS.name(), PARTITIONS,
        Topics.REPLIES.name(), REPLY_PARTITIONS,
        Topics.APPROVALS.name(), PARTITIONS,
        Topics.APPROVAL_DECISIONS.name(), PARTITIONS,
        Topics.LEDGER.name(), PARTITIONS));
    Clock clock = Clock.systemUTC();
    support.start(VerdictTopology.build(support.registry(), POLICY, clock),
        support.interactive(TopologyNames.VERDICTS));
    approvals = support.start(ApprovalTopology.build(support.registry(), POLICY, clock),
        support.interactive(TopologyNames.APPROVALS));
    support.start(LedgerTopology.build(support.registry(), PARTITIONS, clock),
        support.exactlyOnce(TopologyNames.LEDGER));
  }

  @AfterAll
  void stop() {
    if (support != null) {
      support.close();
    }
  }

  @Test
  void anApprovedStatementIsReleasedToTheWaitingProxyAndPassesWhenRunAgain() {
    String session = prefix + "-s";
    String statement = "ALTER TABLE " + prefix.replace('-', '_') + " DROP COLUMN email";
    RequestIntercepted request = TestEvents.sql(session, 1, statement, PROXY_REPLY_PARTITION);

    Verdict first = verdictOn(session, request);
    assertThat(first.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);

    ConsumerRecord<String, SpecificRecord> followUp = approveAsBob(first, request);

    assertThat(followUp.partition()).isEqualTo(PROXY_REPLY_PARTITION);
    assertThat(followUp.key()).isEqualTo(session);
    assertThat(((Verdict) followUp.value()).getApprovalId()).isEqualTo(first.getApprovalId());
    // The approved responses get the plan the approval rule named, not the default masking.
    assertThat(((Verdict) followUp.value()).getMaskPlan()).isEqualTo("pii");

    // The grant reaches the verdict application's global store asynchronously: re-run until it has.
    AtomicInteger sequence = new AtomicInteger(1);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      RequestIntercepted rerun = TestEvents.sql(session + "-rerun", sequence.incrementAndGet(), statement, PROXY_REPLY_PARTITION);
      Verdict verdict = verdictOn(rerun.getHeader().getSessionId(), rerun);
      assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
      assertThat(verdict.getApprovalId()).isEqualTo(first.getApprovalId());
      assertThat(verdict.getMaskPlan()).isEqualTo("pii");
    });

    await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      List<String> chained = new ArrayList<>();
      for (List<LedgerEntry> chain : support.kafka().readLedger().values()) {
        chain.stream().filter(e -> session.equals(TestEvents.sessionOf(e)))
            .forEach(e -> chained.add(e.getEvent().getClass().getSimpleName()));
      }
      assertThat(chained).contains("RequestIntercepted", "ApprovalRequested", "ApprovalDecided")
          .filteredOn("Verdict"::equals).hasSize(2);
    });
  }

  @Test
  void aPendingApprovalSurvivesARestartOfTheApprovalApplicationWithItsLocalStateLost() throws Exception {
    String session = prefix + "-restart";
    String statement = "ALTER TABLE " + prefix.replace('-', '_') + "_r ADD COLUMN note text";
    RequestIntercepted request = TestEvents.sql(session, 1, statement, PROXY_REPLY_PARTITION);
    Verdict first = verdictOn(session, request);
    assertThat(first.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> support.kafka().readLedger().values().stream()
        .flatMap(List::stream).anyMatch(e -> session.equals(TestEvents.sessionOf(e))
            && e.getEvent().getClass().getSimpleName().equals("ApprovalRequested")));
    awaitApprovalsCommitted();

    // Stopped mid-approval and started on an empty state directory: only the changelog holds the approval.
    support.stop(approvals);
    Properties restarted = support.interactive(TopologyNames.APPROVALS);
    restarted.put(StreamsConfig.STATE_DIR_CONFIG, ScratchDirectory.deletedOnExit("witness-approvals-restarted").toString());
    approvals = support.start(ApprovalTopology.build(support.registry(), POLICY, Clock.systemUTC()), restarted);

    Verdict released = (Verdict) approveAsBob(first, request).value();
    assertThat(released.getApprovalId()).isEqualTo(first.getApprovalId());
    assertThat(released.getReason()).contains("approved by U0BOB");
    // The plan came back from the changelog with the approval.
    assertThat(released.getMaskPlan()).isEqualTo("pii");
  }

  /** Waits until the approval application committed past every approval event: its state is then in the changelog. */
  private void awaitApprovalsCommitted() {
    String group = support.applicationId(TopologyNames.APPROVALS);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, support.bootstrap()))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        latest.put(new TopicPartition(Topics.APPROVALS.name(), p), OffsetSpec.latest());
      }
      Map<TopicPartition, Long> ends = new HashMap<>();
      admin.listOffsets(latest).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
      await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
        Map<TopicPartition, OffsetAndMetadata> committed =
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
            || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue()));
      });
    } catch (Exception e) {
      throw new AssertionError("approval application offsets not readable", e);
    }
  }

  /** Sends {@code request} as the proxy would and returns the verdict the verdict application answers. */
  private Verdict verdictOn(String session, RequestIntercepted request) {
    support.send(Topics.REQUESTS.name(), session, request);
    return (Verdict) support.kafka().awaitReply(request.getRequestId(), Verdict.class, WAIT).value();
  }

  /** Approves {@code pending} as bob; returns the follow-up verdict that allows {@code request}. */
  private ConsumerRecord<String, SpecificRecord> approveAsBob(Verdict pending, RequestIntercepted request) {
    support.send(Topics.APPROVAL_DECISIONS.name(), pending.getApprovalId(), ApprovalDecision.newBuilder()
        .setDecisionId(UUID.randomUUID().toString())
        .setApprovalId(pending.getApprovalId())
        .setChannel("cli")
        .setApproverId("U0BOB")
        .setApproverEmail("bob@example.com")
        .setApprove(true)
        .setDecidedAt(Instant.now())
        .build());
    return support.kafka().awaitReplyMatching(r -> r.value() instanceof Verdict v
        && v.getRequestId().equals(request.getRequestId()) && v.getDecision() == Decision.ALLOW, WAIT);
  }
}
