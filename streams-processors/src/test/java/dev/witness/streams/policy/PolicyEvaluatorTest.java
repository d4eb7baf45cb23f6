package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.Decision;
import dev.witness.streams.classify.RequestKind;
import dev.witness.streams.testing.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private static PolicyRequest http(String method, String path) {
    return new PolicyRequest("HTTP", "http:demo", "agent-1", method, path);
  }

  private static PolicyRule rule(String id, RuleMatch match, String decision) {
    return new PolicyRule(id, null, match, decision, null);
  }

  private static RuleMatch methodsAndPaths(List<String> methods, List<String> paths) {
    return new RuleMatch(null, null, null, methods, paths);
  }

  @Test
  void theDefaultDecidesWhenNoRuleMatches() {
    assertThat(new PolicyEvaluator(new PolicyConfig("allow", List.of())).evaluate(http("GET", "/")))
        .isEqualTo(new PolicyDecision(Decision.ALLOW, List.of("default"), null));
    PolicyDecision denied = new PolicyEvaluator(new PolicyConfig("deny", List.of())).evaluate(http("GET", "/"));
    assertThat(denied.decision()).isEqualTo(Decision.DENY);
    assertThat(denied.rules()).containsExactly("default");
  }

  @Test
  void theFirstMatchingRuleDecides() {
    PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyConfig("deny", List.of(
        rule("no-deletes", methodsAndPaths(List.of("DELETE"), null), "deny"),
        rule("everything", RuleMatch.any(), "allow"),
        rule("never-reached", methodsAndPaths(List.of("GET"), null), "deny"))));

    assertThat(evaluator.evaluate(http("DELETE", "/x")).rules()).containsExactly("no-deletes");
    assertThat(evaluator.evaluate(http("GET", "/x")).rules()).containsExactly("everything");
  }

  @Test
  void allPresentConditionsMustMatch() {
    PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyConfig("deny", List.of(rule("narrow",
        new RuleMatch(List.of("HTTP"), List.of("http:demo"), List.of("agent-1"), List.of("GET"), List.of("/c/*")),
        "allow"))));

    assertThat(evaluator.evaluate(http("GET", "/c/1")).decision()).isEqualTo(Decision.ALLOW);
    assertThat(evaluator.evaluate(new PolicyRequest("MCP", "http:demo", "agent-1", "GET", "/c/1")).rules())
        .containsExactly("default");
    assertThat(evaluator.evaluate(new PolicyRequest("HTTP", "http:other", "agent-1", "GET", "/c/1")).rules())
        .containsExactly("default");
    assertThat(evaluator.evaluate(new PolicyRequest("HTTP", "http:demo", "agent-2", "GET", "/c/1")).rules())
        .containsExactly("default");
    assertThat(evaluator.evaluate(http("POST", "/c/1")).rules()).containsExactly("default");
    assertThat(evaluator.evaluate(http("GET", "/c/1/x")).rules()).containsExactly("default");
  }

  @Test
  void methodsAndProtocolsCompareCaseInsensitively() {
    PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyConfig("deny", List.of(
        rule("reads", new RuleMatch(List.of("http"), null, null, List.of("get"), null), "allow"))));

    assertThat(evaluator.evaluate(http("GET", "/")).decision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void anyOfSeveralPathsMatches() {
    PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyConfig("deny", List.of(
        rule("two", methodsAndPaths(null, List.of("/a/*", "/b/**")), "allow"))));

    assertThat(evaluator.evaluate(http("GET", "/a/1")).decision()).isEqualTo(Decision.ALLOW);
    assertThat(evaluator.evaluate(http("GET", "/b/1/2")).decision()).isEqualTo(Decision.ALLOW);
    assertThat(evaluator.evaluate(http("GET", "/c/1")).decision()).isEqualTo(Decision.DENY);
  }

  @Test
  void requestsWithoutMethodOrPathNeverMatchRulesThatNeedThem() {
    PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyConfig("allow", List.of(
        rule("gets", methodsAndPaths(List.of("GET"), null), "deny"),
        rule("everything-below-root", methodsAndPaths(null, List.of("/**")), "deny"))));

    PolicyRequest sql = PolicyRequest.of(TestEvents.sql("s-1", 1, "select 1", 0));

    assertThat(sql.method()).isNull();
    assertThat(sql.path()).isNull();
    assertThat(evaluator.evaluate(sql).rules()).containsExactly("default");
  }

  @Test
  void denyCarriesTheRuleReasonOrNamesTheRule() {
    PolicyEvaluator evaluator = new PolicyEvaluator(new PolicyConfig("allow", List.of(
        new PolicyRule("with-reason", null, methodsAndPaths(null, List.of("/a")), "deny", "not today"),
        rule("without-reason", methodsAndPaths(null, List.of("/b")), "deny"))));

    assertThat(evaluator.evaluate(http("GET", "/a")).reason()).isEqualTo("not today");
    assertThat(evaluator.evaluate(http("GET", "/b")).reason()).contains("without-reason");
  }

  @Test
  void requireApprovalIsDecidedAndExplained() {
    PolicyDecision decision = new PolicyEvaluator(new PolicyConfig("allow", List.of(
        new PolicyRule("ask", null, RuleMatch.any(), "require-approval", "ask a human"))))
        .evaluate(http("DELETE", "/x"));

    assertThat(decision).isEqualTo(new PolicyDecision(Decision.REQUIRE_APPROVAL, List.of("ask"),
        "ask a human", null, ApprovalRequirement.defaults()));
  }

  @Test
  void rejectsAnInvalidPolicyNamingTheField() {
    assertThatThrownBy(() -> new PolicyEvaluator(new PolicyConfig("maybe", List.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("policy.defaultDecision:");
    assertThatThrownBy(() -> new PolicyEvaluator(new PolicyConfig("deny", List.of(
        rule("ok", RuleMatch.any(), "allow"), rule("bad", RuleMatch.any(), "permit")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("policy.rules[1].decision:");
    assertThatThrownBy(() -> new PolicyEvaluator(new PolicyConfig("deny", List.of(
        rule(" ", RuleMatch.any(), "allow")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("policy.rules[0].id:");
  }

  @Test
  void requestFactsComeFromTheEvent() {
    PolicyRequest request = PolicyRequest.of(TestEvents.http("s-1", 1, "PATCH", "/a/../b//c", 0));

    assertThat(request).usingRecursiveComparison().comparingOnlyFields("protocol", "resource", "agentId", "method", "path")
        .isEqualTo(new PolicyRequest("HTTP", "http:demo", "agent-1", "PATCH", "/b/c"));
    assertThat(request.purpose()).isEqualTo("TICKET-1");
    assertThat(request.time()).isEqualTo(TestEvents.T0.plusMillis(1));
    assertThat(request.classified().kind()).isEqualTo(RequestKind.WRITE);
  }
}
