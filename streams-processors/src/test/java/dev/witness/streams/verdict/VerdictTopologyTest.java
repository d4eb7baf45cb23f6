package dev.witness.streams.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.ApprovalRequested;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.schemas.registry.InMemorySchemaRegistryClient;
import dev.witness.schemas.topic.Topics;
import dev.witness.streams.approval.RequestHash;
import dev.witness.streams.event.DerivedEventId;
import dev.witness.streams.policy.PolicyVersion;
import dev.witness.streams.testing.TestDrivers;
import dev.witness.streams.testing.TestEvents;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictTopologyTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:05.123456Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static final PolicyRule DENY_ADMIN =
      new PolicyRule("deny-admin", null, paths("/admin/**"), "deny", "admin is off limits");
  private static final PolicyRule APPROVE_DELETE = new PolicyRule(
      "approve-delete", null, new RuleMatch(null, null, null, List.of("DELETE"), List.of("/customers/*")),
      "require-approval", null);
  private static final PolicyRule ALLOW_READS = new PolicyRule(
      "allow-reads", null, new RuleMatch(null, null, null, List.of("GET"), List.of("/**")), "allow", null);
  private static final PolicyConfig POLICY = new PolicyConfig("deny", List.of(DENY_ADMIN, APPROVE_DELETE, ALLOW_READS));

  @TempDir Path stateDir;

  private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RequestIntercepted> requests;
  private TestOutputTopic<String, SpecificRecord> replies;
  private TestOutputTopic<String, SpecificRecord> approvals;

  private void start(PolicyConfig policy) {
    driver = new TopologyTestDriver(VerdictTopology.build(registry, policy, CLOCK), TestDrivers.props("verdicts", stateDir));
    requests = TestDrivers.input(driver, registry, Topics.REQUESTS);
    replies = TestDrivers.output(driver, registry, Topics.REPLIES);
    approvals = TestDrivers.output(driver, registry, Topics.APPROVALS);
  }

  @AfterEach
  void close() {
    if (driver != null) {
      driver.close();
    }
  }

  @Test
  void staysOneHopWithoutRepartitioning() {
    // A repartition would add a produce-consume round trip to every verdict on the agent's path.
    assertThat(VerdictTopology.build(registry, POLICY, CLOCK).describe().subtopologies()).hasSize(1);
  }

  @Test
  void allowsARuleMatchOnMethodAndPath() {
    start(POLICY);
    RequestIntercepted request = TestEvents.http("s-1", 3, "GET", "/customers/42", 0);

    Verdict verdict = verdictFor(request);

    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getRules()).containsExactly("allow-reads");
    assertThat(verdict.getReason()).isNull();
    assertThat(verdict.getMaskPlan()).isNull();
    assertThat(verdict.getApprovalId()).isNull();
  }

  @Test
  void deniesByDefaultWhenNoRuleMatches() {
    start(POLICY);

    Verdict verdict = verdictFor(TestEvents.http("s-1", 1, "POST", "/customers", 0));

    assertThat(verdict.getDecision()).isEqualTo(Decision.DENY);
    assertThat(verdict.getRules()).containsExactly("default");
    assertThat(verdict.getReason()).isNotBlank();
  }

  @Test
  void theFirstMatchingRuleDecides() {
    start(POLICY);

    Verdict verdict = verdictFor(TestEvents.http("s-1", 1, "GET", "/admin/users", 0));

    assertThat(verdict.getDecision()).isEqualTo(Decision.DENY);
    assertThat(verdict.getRules()).containsExactly("deny-admin");
    assertThat(verdict.getReason()).isEqualTo("admin is off limits");
  }

  @Test
  void ruleOrderChangesTheOutcome() {
    start(new PolicyConfig("deny", List.of(ALLOW_READS, DENY_ADMIN)));

    Verdict verdict = verdictFor(TestEvents.http("s-1", 1, "GET", "/admin/users", 0));

    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getRules()).containsExactly("allow-reads");
  }

  @Test
  void pathsAreNormalizedBeforeMatching() {
    start(POLICY);

    Verdict verdict = verdictFor(TestEvents.http("s-1", 1, "GET", "/public/..//%61dmin/users?x=1", 0));

    assertThat(verdict.getRules()).containsExactly("deny-admin");
  }

  @Test
  void requireApprovalNamesTheApprovalAndPublishesItsRequest() {
    start(POLICY);
    RequestIntercepted request = TestEvents.http("s-1", 1, "DELETE", "/customers/7", 0);

    Verdict verdict = verdictFor(request);

    assertThat(verdict.getDecision()).isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(verdict.getRules()).containsExactly("approve-delete");
    assertThat(verdict.getReason()).isEqualTo("approval required by policy rule approve-delete");
    assertThat(verdict.getApprovalId()).isEqualTo(DerivedEventId.of(DerivedEventId.Kind.APPROVAL, request.getHeader()));
    TestRecord<String, SpecificRecord> published = approvals.readRecord();
    assertThat(published.key()).isEqualTo(verdict.getApprovalId());
    ApprovalRequested requested = (ApprovalRequested) published.value();
    assertThat(requested.getApprovalId()).isEqualTo(verdict.getApprovalId());
    assertThat(requested.getRequestId()).isEqualTo(request.getRequestId());
    assertThat(requested.getRequestHash()).isEqualTo(RequestHash.of(request));
    assertThat(requested.getRules()).containsExactly("approve-delete");
    assertThat(requested.getQuorum()).isEqualTo(1);
    assertThat(requested.getExpiresAt()).isEqualTo(NOW.plus(ApprovalRequirement.DEFAULT_TIMEOUT));
    assertThat(requested.getReplyPartition()).isZero();
    assertThat(requested.getStatement()).isEqualTo("DELETE /customers/7");
    assertThat(requested.getRisk()).isEqualTo("HIGH");
    assertThat(requested.getHeader().getSessionId()).isEqualTo("s-1");
    assertThat(approvals.isEmpty()).isTrue();
  }

  @Test
  void onlyApprovalsArePublishedToTheApprovalsTopic() {
    start(POLICY);

    verdictFor(TestEvents.http("s-1", 1, "GET", "/customers/7", 0));
    verdictFor(TestEvents.http("s-1", 2, "GET", "/admin/x", 0));

    assertThat(approvals.isEmpty()).isTrue();
  }

  @Test
  void authenticationFailuresGetNoVerdict() {
    start(POLICY);

    requests.pipeInput("s-1", TestEvents.http("s-1", 1, "GET", "/customers/42", 0, AuthenticationOutcome.FAILED));

    assertThat(replies.isEmpty()).isTrue();
  }

  @Test
  void theVerdictAnswersItsRequestWithAFreshHeader() {
    start(POLICY);
    // The driver models every topic with one partition, so replies can only go to 0 here;
    // ReplyPartitionerTest covers routing to other partitions.
    RequestIntercepted request = TestEvents.http("s-9", 17, "GET", "/customers/42", 0);

    requests.pipeInput("s-9", request);
    TestRecord<String, SpecificRecord> record = replies.readRecord();
    Verdict verdict = (Verdict) record.value();

    assertThat(record.key()).isEqualTo("s-9");
    assertThat(verdict.getRequestId()).isEqualTo(request.getRequestId());
    assertThat(verdict.getReplyPartition()).isZero();
    assertThat(verdict.getHeader().getEventId())
        .isEqualTo(DerivedEventId.of(DerivedEventId.Kind.VERDICT, request.getHeader()));
    assertThat(verdict.getHeader().getSessionId()).isEqualTo("s-9");
    assertThat(verdict.getHeader().getSequence()).isEqualTo(17);
    assertThat(verdict.getHeader().getTimestamp()).isEqualTo(NOW);
    assertThat(verdict.getHeader().getAgent()).isEqualTo(request.getHeader().getAgent());
    assertThat(verdict.getHeader().getPurpose()).isEqualTo(request.getHeader().getPurpose());
    assertThat(verdict.getHeader().getResource()).isEqualTo(request.getHeader().getResource());
    assertThat(verdict.getHeader().getProtocol()).isEqualTo(request.getHeader().getProtocol());
    assertThat(verdict.getHeader().getPolicyVersion()).isEqualTo(PolicyVersion.of(POLICY)).hasSize(64);
  }

  @Test
  void aRequestProcessedAgainGetsAVerdictWithTheSameEventId() {
    start(POLICY);
    RequestIntercepted request = TestEvents.http("s-1", 1, "GET", "/customers/42", 0);

    // At-least-once: after a crash before the commit, the same request is decided again.
    requests.pipeInput("s-1", request);
    requests.pipeInput("s-1", request);

    List<Verdict> verdicts = replies.readValuesToList().stream().map(Verdict.class::cast).toList();
    assertThat(verdicts).hasSize(2);
    assertThat(verdicts.get(1).getHeader().getEventId()).isEqualTo(verdicts.get(0).getHeader().getEventId());
  }

  @Test
  void aReplyPartitionNoProxyOwnsGetsNoVerdict() {
    start(POLICY);

    requests.pipeInput("s-1", TestEvents.http("s-1", 1, "GET", "/customers/42", 1));

    assertThat(replies.isEmpty()).isTrue();
  }

  @Test
  void answersEveryRequestInOrder() {
    start(POLICY);

    for (int i = 0; i < 20; i++) {
      requests.pipeInput("s-1", TestEvents.http("s-1", i, i % 2 == 0 ? "GET" : "POST", "/customers/" + i, 0));
    }

    List<Verdict> verdicts = replies.readValuesToList().stream().map(Verdict.class::cast).toList();
    assertThat(verdicts).extracting(Verdict::getRequestId)
        .containsExactlyElementsOf(IntStream.range(0, 20).mapToObj(i -> "req-s-1-" + i).toList());
    assertThat(verdicts).extracting(Verdict::getDecision)
        .containsExactlyElementsOf(IntStream.range(0, 20)
            .mapToObj(i -> i % 2 == 0 ? Decision.ALLOW : Decision.DENY).toList());
  }

  private Verdict verdictFor(RequestIntercepted request) {
    requests.pipeInput(request.getHeader().getSessionId(), request);
    List<SpecificRecord> values = replies.readValuesToList();
    assertThat(values).hasSize(1).first().isInstanceOf(Verdict.class);
    return (Verdict) values.get(0);
  }

  private static RuleMatch paths(String... globs) {
    return new RuleMatch(null, null, null, null, List.of(globs));
  }
}
