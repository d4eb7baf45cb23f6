package dev.witness.streams.approval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ApproversConfig;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.ApprovalDecided;
import dev.witness.schemas.event.ApprovalExpired;
import dev.witness.schemas.event.ApprovalOutcome;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Require approval, decide, and what the held request and a re-run get: both applications wired together. */
class ApprovalFlowTest {

  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private static final String ALTER = "ALTER TABLE customers DROP COLUMN email";
  private static final PolicyConfig POLICY = new PolicyConfig("allow", List.of(
      new PolicyRule("approve-ddl", "DDL needs a DBA", null, "require-approval", null,
          "request.sql.kind == 'DDL' && resource == 'postgres:demo'", null,
          new ApprovalRequirement(1, "dba", Duration.ofMinutes(10), Duration.ofMinutes(15))),
      new PolicyRule("approve-delete-all", null, null, "require-approval", "deleting every row needs two DBAs",
          "request.sql.kind == 'DML' && !request.sql.hasWhere", null,
          new ApprovalRequirement(2, "dba", Duration.ofMinutes(10), Duration.ZERO))),
      new ApproversConfig(Map.of("dba", List.of("alice@example.com", "bob@example.com", "U0CAROL"))));

  @TempDir Path stateDir;
  private ApprovalFlow flow;

  @BeforeEach
  void start() {
    flow = new ApprovalFlow(POLICY, START, stateDir);
  }

  @AfterEach
  void close() {
    flow.close();
  }

  @Test
  void anApprovedRequestGetsAnAllowVerdictOnItsReplyPartition() {
    RequestIntercepted request = TestEvents.sql("s-1", 1, ALTER, 0);

    Verdict first = flow.send(request);

    assertThat(first.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(first.getApprovalId()).isNotBlank();
    ApprovalRequested requested = onlyRequest();
    assertThat(requested.getApprovalId()).isEqualTo(first.getApprovalId());
    assertThat(requested.getStatement()).isEqualTo(ALTER);
    assertThat(requested.getRisk()).isEqualTo("HIGH");
    assertThat(requested.getApproverGroup()).isEqualTo("dba");
    assertThat(requested.getRules()).containsExactly("approve-ddl");
    assertThat(flow.followUps).isEmpty();

    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true);

    Verdict followUp = onlyFollowUp();
    assertThat(followUp.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(followUp.getRequestId()).isEqualTo(request.getRequestId());
    assertThat(followUp.getApprovalId()).isEqualTo(first.getApprovalId());
    assertThat(followUp.getReplyPartition()).isZero();
    assertThat(followUp.getReason()).contains("approved by U0BOB");
    assertThat(followUp.getHeader().getSessionId()).isEqualTo("s-1");
    assertThat(followUp.getHeader().getPolicyVersion()).isEqualTo(first.getHeader().getPolicyVersion());
    ApprovalDecided decided = onlyFinal(ApprovalDecided.class);
    assertThat(decided.getOutcome()).isEqualTo(ApprovalOutcome.APPROVED);
    assertThat(decided.getDecisions()).extracting(d -> d.getApproverId()).containsExactly("U0BOB");
    assertThat(decided.getRequestHash()).isEqualTo(RequestHash.of(request));
    assertThat(decided.getGrantExpiresAt()).isEqualTo(START.plus(Duration.ofMinutes(15)));
  }

  @Test
  void anApprovedRequestsResponsesGetThePlanTheApprovalRuleNamed() {
    PolicyConfig masked = new PolicyConfig("allow", List.of(
        new PolicyRule("approve-ddl", null, null, "require-approval", null, "request.sql.kind == 'DDL'", "pii",
            new ApprovalRequirement(1, "dba", Duration.ofMinutes(10), Duration.ofMinutes(15)))),
        new ApproversConfig(Map.of("dba", List.of("bob@example.com"))));
    flow.close();
    flow = new ApprovalFlow(masked, START, stateDir.resolve("masked"));

    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));
    assertThat(onlyRequest().getMaskPlan()).isEqualTo("pii");
    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true);

    Verdict followUp = onlyFollowUp();
    assertThat(followUp.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(followUp.getMaskPlan()).isEqualTo("pii");
    // A re-run within the grant window is allowed with the same plan.
    Verdict rerun = flow.send(TestEvents.sql("s-1", 2, ALTER, 0));
    assertThat(rerun.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(rerun.getMaskPlan()).isEqualTo("pii");
  }

  @Test
  void aRuleNamingNoPlanLeavesTheApprovedResponsesToTheDefaultMasking() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));
    assertThat(onlyRequest().getMaskPlan()).isNull();

    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true);

    assertThat(onlyFollowUp().getMaskPlan()).isNull();
  }

  @Test
  void aRejectedRequestGetsADenyVerdictNamingTheApproval() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));

    flow.decide("d-1", first.getApprovalId(), "U0CAROL", null, false);

    Verdict followUp = onlyFollowUp();
    assertThat(followUp.getDecision()).isEqualTo(Decision.DENY);
    assertThat(followUp.getApprovalId()).isEqualTo(first.getApprovalId());
    assertThat(followUp.getReason()).contains("rejected by U0CAROL", first.getApprovalId(), "not during business hours");
    assertThat(onlyFinal(ApprovalDecided.class).getOutcome()).isEqualTo(ApprovalOutcome.REJECTED);
    // A rejection grants nothing: the same statement asks again.
    assertThat(flow.send(TestEvents.sql("s-1", 2, ALTER, 0)).getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
  }

  @Test
  void anApprovalNobodyDecidesExpiresAndTheHeldRequestIsDenied() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));

    flow.advance(Duration.ofMinutes(9));
    assertThat(flow.finals).isEmpty();
    flow.advance(Duration.ofMinutes(1).plusSeconds(1));

    ApprovalExpired expired = onlyFinal(ApprovalExpired.class);
    assertThat(expired.getApprovalId()).isEqualTo(first.getApprovalId());
    Verdict followUp = onlyFollowUp();
    assertThat(followUp.getDecision()).isEqualTo(Decision.DENY);
    assertThat(followUp.getReason()).contains(first.getApprovalId(), "expired");

    // A vote after expiry changes nothing.
    flow.decide("d-late", first.getApprovalId(), "U0BOB", "bob@example.com", true);
    assertThat(flow.finals).hasSize(1);
    assertThat(flow.followUps).hasSize(1);
  }

  @Test
  void theAgentGoingAwayCancelsTheApprovalAndALaterApprovalIsRefused() {
    RequestIntercepted request = TestEvents.sql("s-1", 1, ALTER, 0);
    Verdict first = flow.send(request);

    flow.withdraw("c-1", first.getApprovalId(), "agent-1", "agent connection closed");

    ApprovalDecided cancelled = onlyFinal(ApprovalDecided.class);
    assertThat(cancelled.getOutcome()).isEqualTo(ApprovalOutcome.CANCELLED);
    assertThat(cancelled.getDecisions()).singleElement().satisfies(d -> {
      assertThat(d.getKind()).isEqualTo("cancel");
      assertThat(d.getApproverId()).isEqualTo("agent-1");
      assertThat(d.getChannel()).isEqualTo("proxy");
      assertThat(d.getApprove()).isFalse();
    });
    Verdict followUp = onlyFollowUp();
    assertThat(followUp.getDecision()).isEqualTo(Decision.DENY);
    assertThat(followUp.getReason()).contains(first.getApprovalId(), "cancelled", "agent connection closed");

    // An approver clicking Approve afterwards changes nothing, and grants nothing.
    flow.decide("d-late", first.getApprovalId(), "U0BOB", "bob@example.com", true);
    assertThat(flow.finals).hasSize(1);
    assertThat(flow.followUps).hasSize(1);
    assertThat(flow.send(TestEvents.sql("s-1", 2, ALTER, 0)).getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
  }

  @Test
  void aCancelFromAnotherIdentityIsRefusedAndRecordedWithTheFinalDecision() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));

    flow.withdraw("c-1", first.getApprovalId(), "agent-2", "not mine");
    assertThat(flow.finals).isEmpty();
    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true);

    ApprovalDecided decided = onlyFinal(ApprovalDecided.class);
    assertThat(decided.getOutcome()).isEqualTo(ApprovalOutcome.APPROVED);
    assertThat(decided.getRefused()).singleElement().satisfies(r -> {
      assertThat(r.getDecision().getKind()).isEqualTo("cancel");
      assertThat(r.getWhy()).isEqualTo("only the requesting agent can withdraw its request");
    });
  }

  @Test
  void aQuorumOfTwoNeedsTwoDistinctApprovers() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, "DELETE FROM orders", 0));
    assertThat(first.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(first.getReason()).isEqualTo("deleting every row needs two DBAs");
    assertThat(onlyRequest().getQuorum()).isEqualTo(2);

    flow.decide("d-1", first.getApprovalId(), "U0ALICE", "alice@example.com", true);
    flow.decide("d-1", first.getApprovalId(), "U0ALICE", "alice@example.com", true);
    flow.decide("d-2", first.getApprovalId(), "U0ALICE", "Alice@Example.com", true);
    assertThat(flow.finals).isEmpty();
    assertThat(flow.followUps).isEmpty();

    flow.decide("d-3", first.getApprovalId(), "U0BOB", "bob@example.com", true);

    ApprovalDecided decided = onlyFinal(ApprovalDecided.class);
    assertThat(decided.getOutcome()).isEqualTo(ApprovalOutcome.APPROVED);
    assertThat(decided.getDecisions()).extracting(d -> d.getDecisionId()).containsExactly("d-1", "d-3");
    assertThat(decided.getRefused()).extracting(r -> r.getDecision().getDecisionId()).containsExactly("d-2");
    assertThat(decided.getRefused().get(0).getWhy()).contains("already decided");
    assertThat(onlyFollowUp().getDecision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void theDelegatingHumanCannotApproveTheirAgentsRequestNorCanOutsiders() {
    RequestIntercepted request = delegatedBy("alice@example.com", TestEvents.sql("s-1", 1, ALTER, 0));
    Verdict first = flow.send(request);

    flow.decide("d-1", first.getApprovalId(), "U0ALICE", "alice@example.com", true);
    flow.decide("d-2", first.getApprovalId(), "U0MALLORY", "mallory@example.com", true);
    assertThat(flow.finals).isEmpty();
    assertThat(flow.followUps).isEmpty();

    flow.decide("d-3", first.getApprovalId(), "U0CAROL", null, true);

    ApprovalDecided decided = onlyFinal(ApprovalDecided.class);
    assertThat(decided.getOutcome()).isEqualTo(ApprovalOutcome.APPROVED);
    assertThat(decided.getDecisions()).extracting(d -> d.getApproverId()).containsExactly("U0CAROL");
    assertThat(decided.getRefused()).extracting(r -> r.getWhy()).containsExactly(
        "the delegating human of the requesting agent cannot decide on its request",
        "not in approver group dba");
  }

  @Test
  void reRunningTheExactStatementWithinTheGrantWindowPasses() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));
    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true);
    flow.advance(Duration.ofMinutes(5));

    // The agent gave up waiting and runs the same statement again, in a new session.
    Verdict rerun = flow.send(TestEvents.sql("s-2", 1, ALTER, 0));

    assertThat(rerun.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(rerun.getApprovalId()).isEqualTo(first.getApprovalId());
    assertThat(rerun.getRules()).containsExactly("approve-ddl");
    assertThat(flow.requested).hasSize(1);

    flow.advance(Duration.ofMinutes(11));
    Verdict afterWindow = flow.send(TestEvents.sql("s-3", 1, ALTER, 0));
    assertThat(afterWindow.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(afterWindow.getApprovalId()).isNotEqualTo(first.getApprovalId());
  }

  @Test
  void aChangedStatementOrAnotherAgentNeedsANewApproval() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));
    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true);

    Verdict changed = flow.send(TestEvents.sql("s-1", 2, "ALTER TABLE customers DROP COLUMN phone", 0));
    Verdict otherAgent = flow.send(asAgent("agent-2", TestEvents.sql("s-9", 1, ALTER, 0)));

    assertThat(changed.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(otherAgent.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(flow.requested).extracting(ApprovalRequested::getApprovalId).doesNotHaveDuplicates().hasSize(3);
  }

  @Test
  void aTimeBoxedGrantLetsTheAgentRunWhatTheRuleHoldsUntilItEnds() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, ALTER, 0));
    flow.decide("d-1", first.getApprovalId(), "U0BOB", "bob@example.com", true, "rule");
    ApprovalDecided decided = onlyFinal(ApprovalDecided.class);
    assertThat(decided.getGrantScope()).isEqualTo("rule");
    assertThat(decided.getRules()).containsExactly("approve-ddl");

    // "This agent may run DDL on demo for 15 minutes": another DDL statement passes...
    Verdict other = flow.send(TestEvents.sql("s-2", 1, "CREATE INDEX ix ON customers (name)", 0));
    assertThat(other.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(other.getApprovalId()).isEqualTo(first.getApprovalId());
    // ...but not for another agent, nor what another rule holds for approval.
    assertThat(flow.send(asAgent("agent-2", TestEvents.sql("s-3", 1, ALTER, 0))).getDecision())
        .isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(flow.send(TestEvents.sql("s-2", 2, "DELETE FROM orders", 0)).getDecision())
        .isEqualTo(Decision.REQUIRE_APPROVAL);

    flow.advance(Duration.ofMinutes(15));
    assertThat(flow.send(TestEvents.sql("s-2", 3, "CREATE INDEX ix2 ON customers (name)", 0)).getDecision())
        .isEqualTo(Decision.REQUIRE_APPROVAL);
  }

  @Test
  void aZeroGrantWindowOnlyReleasesTheHeldRequest() {
    Verdict first = flow.send(TestEvents.sql("s-1", 1, "DELETE FROM orders", 0));
    flow.decide("d-1", first.getApprovalId(), "U0ALICE", "alice@example.com", true);
    flow.decide("d-2", first.getApprovalId(), "U0BOB", "bob@example.com", true);
    assertThat(onlyFollowUp().getDecision()).isEqualTo(Decision.ALLOW);

    assertThat(flow.send(TestEvents.sql("s-1", 2, "DELETE FROM orders", 0)).getDecision())
        .isEqualTo(Decision.REQUIRE_APPROVAL);
  }

  @Test
  void theSameRequestDecidedTwiceOpensOneApproval() {
    RequestIntercepted request = TestEvents.sql("s-1", 1, ALTER, 0);

    // At-least-once: the verdict topology may decide the same request again after a restart.
    Verdict a = flow.send(request);
    Verdict b = flow.send(request);
    flow.decide("d-1", a.getApprovalId(), "U0BOB", "bob@example.com", true);

    assertThat(b.getApprovalId()).isEqualTo(a.getApprovalId());
    assertThat(flow.finals).hasSize(1);
    assertThat(flow.followUps).hasSize(1);
  }

  @Test
  void lowRiskStatementsPassWithoutApproval() {
    Verdict verdict = flow.send(TestEvents.sql("s-1", 1, "SELECT id FROM customers WHERE id = 7", 0));

    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(flow.requested).isEmpty();
  }

  private ApprovalRequested onlyRequest() {
    assertThat(flow.requested).hasSize(1);
    return flow.requested.get(0);
  }

  private Verdict onlyFollowUp() {
    assertThat(flow.followUps).hasSize(1);
    TestRecord<String, SpecificRecord> record = flow.followUps.get(0);
    Verdict verdict = (Verdict) record.value();
    assertThat(record.key()).isEqualTo(verdict.getHeader().getSessionId());
    return verdict;
  }

  private <T> T onlyFinal(Class<T> type) {
    assertThat(flow.finals).hasSize(1);
    TestRecord<String, SpecificRecord> record = flow.finals.get(0);
    assertThat(record.value()).isInstanceOf(type);
    return type.cast(record.value());
  }

  private static RequestIntercepted delegatedBy(String human, RequestIntercepted request) {
    EventHeader header = EventHeader.newBuilder(request.getHeader())
        .setAgent(AgentIdentity.newBuilder(request.getHeader().getAgent()).setDelegatingHuman(human).build())
        .build();
    return RequestIntercepted.newBuilder(request).setHeader(header).build();
  }

  private static RequestIntercepted asAgent(String agentId, RequestIntercepted request) {
    EventHeader header = EventHeader.newBuilder(request.getHeader())
        .setAgent(AgentIdentity.newBuilder(request.getHeader().getAgent()).setId(agentId).build())
        .build();
    return RequestIntercepted.newBuilder(request).setHeader(header).build();
  }
}
