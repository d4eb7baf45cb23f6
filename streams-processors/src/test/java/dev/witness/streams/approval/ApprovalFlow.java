package dev.witness.streams.approval;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.event.ApprovalDecision;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.serde.AvroEventSerde;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.testing.MutableClock;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.verdict.VerdictTopology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * The verdict and approval applications on two {@code TopologyTestDriver}s, wired the way Kafka
 * wires them: approval requests from the verdict driver into the approval driver, final approval
 * events back into the verdict driver's grant store. Every output is kept for assertions.
 */
final class ApprovalFlow implements AutoCloseable {

  static final Duration EXPIRY_CHECK = Duration.ofSeconds(1);

  final MutableClock clock;
  private final TopologyTestDriver verdicts;
  private final TopologyTestDriver approvals;
  private final TestInputTopic<String, RequestIntercepted> requests;
  private final TestInputTopic<String, SpecificRecord> verdictApprovalsIn;
  private final TestOutputTopic<String, SpecificRecord> verdictReplies;
  private final TestOutputTopic<String, SpecificRecord> verdictApprovalsOut;
  private final TestInputTopic<String, SpecificRecord> approvalRequestsIn;
  private final TestInputTopic<String, ApprovalDecision> decisions;
  private final TestOutputTopic<String, SpecificRecord> approvalReplies;
  private final TestOutputTopic<String, SpecificRecord> approvalFinals;

  /** Every ApprovalRequested, Verdict (first and follow-up) and final approval event, in order. */
  final List<ApprovalRequested> requested = new ArrayList<>();
  final List<Verdict> firstVerdicts = new ArrayList<>();
  final List<TestRecord<String, SpecificRecord>> followUps = new ArrayList<>();
  final List<TestRecord<String, SpecificRecord>> finals = new ArrayList<>();

  ApprovalFlow(PolicyConfig policy, Instant start, Path stateDir) {
    InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
    clock = new MutableClock(start);
    verdicts = new TopologyTestDriver(VerdictTopology.build(registry, policy, clock),
        TestDrivers.props("verdicts", stateDir.resolve("verdicts")), start);
    approvals = new TopologyTestDriver(
        ApprovalTopology.build(registry, policy, clock, EXPIRY_CHECK, Duration.ofDays(1)),
        TestDrivers.props("approvals", stateDir.resolve("approvals")), start);
    var anyEvent = new AvroEventSerde<>(registry, SpecificRecord.class);
    requests = TestDrivers.input(verdicts, registry, Topics.REQUESTS);
    verdictApprovalsIn = verdicts.createInputTopic(Topics.APPROVALS.name(), Serdes.String().serializer(), anyEvent.serializer());
    verdictReplies = verdicts.createOutputTopic(Topics.REPLIES.name(), Serdes.String().deserializer(), anyEvent.deserializer());
    verdictApprovalsOut = verdicts.createOutputTopic(Topics.APPROVALS.name(), Serdes.String().deserializer(),
        anyEvent.deserializer());
    approvalRequestsIn = approvals.createInputTopic(Topics.APPROVALS.name(), Serdes.String().serializer(), anyEvent.serializer());
    decisions = TestDrivers.input(approvals, registry, Topics.APPROVAL_DECISIONS);
    approvalReplies = approvals.createOutputTopic(Topics.REPLIES.name(), Serdes.String().deserializer(),
        anyEvent.deserializer());
    approvalFinals = approvals.createOutputTopic(Topics.APPROVALS.name(), Serdes.String().deserializer(),
        anyEvent.deserializer());
  }

  /** Sends {@code request} as its proxy would and returns its first verdict. */
  Verdict send(RequestIntercepted request) {
    requests.pipeInput(request.getHeader().getSessionId(), request);
    List<SpecificRecord> replies = verdictReplies.readValuesToList();
    if (replies.size() != 1) {
      throw new AssertionError("expected one verdict, got " + replies);
    }
    Verdict verdict = (Verdict) replies.get(0);
    firstVerdicts.add(verdict);
    for (TestRecord<String, SpecificRecord> record : verdictApprovalsOut.readRecordsToList()) {
      if (record.value() instanceof ApprovalRequested r) {
        requested.add(r);
        approvalRequestsIn.pipeInput(record.key(), record.value());
        drainApprovals();
      }
    }
    return verdict;
  }

  /** An approver's decision, as the Slack connector or the CLI writes it. */
  void decide(String decisionId, String approvalId, String approverId, String email, boolean approve) {
    decide(decisionId, approvalId, approverId, email, approve, null);
  }

  /** A decision with a grant scope ({@code rule} for a time-boxed grant). */
  void decide(String decisionId, String approvalId, String approverId, String email, boolean approve, String scope) {
    decisions.pipeInput(approvalId, ApprovalDecision.newBuilder()
        .setDecisionId(decisionId)
        .setApprovalId(approvalId)
        .setChannel("slack")
        .setApproverId(approverId)
        .setApproverEmail(email)
        .setApprove(approve)
        .setReason(approve ? null : "not during business hours")
        .setDecidedAt(clock.instant())
        .setGrantScope(scope)
        .build());
    drainApprovals();
  }

  /** The requesting agent's proxy withdrawing a held request (the agent cancelled it or went away). */
  void withdraw(String decisionId, String approvalId, String agentId, String why) {
    decisions.pipeInput(approvalId, ApprovalDecision.newBuilder()
        .setDecisionId(decisionId)
        .setApprovalId(approvalId)
        .setChannel("proxy")
        .setApproverId(agentId)
        .setApprove(false)
        .setReason(why)
        .setDecidedAt(clock.instant())
        .setKind("cancel")
        .build());
    drainApprovals();
  }

  /** Moves both drivers' wall clocks and the event clock forward. */
  void advance(Duration by) {
    clock.advance(by);
    approvals.advanceWallClockTime(by);
    verdicts.advanceWallClockTime(by);
    drainApprovals();
  }

  private void drainApprovals() {
    followUps.addAll(approvalReplies.readRecordsToList());
    for (TestRecord<String, SpecificRecord> record : approvalFinals.readRecordsToList()) {
      if (record.value() instanceof ApprovalRequested) {
        continue; // our own input, echoed by the driver
      }
      finals.add(record);
      verdictApprovalsIn.pipeInput(record.key(), record.value());
    }
    // The verdict driver echoes what we piped into its global topic as output; it is not news.
    verdictApprovalsOut.readRecordsToList();
  }

  @Override
  public void close() {
    verdicts.close();
    approvals.close();
  }
}
