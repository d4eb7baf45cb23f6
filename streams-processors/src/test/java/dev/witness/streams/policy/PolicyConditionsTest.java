package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.schemas.event.AgentIdentity;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.EventHeader;
import dev.witness.schemas.event.KubernetesRequest;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.testing.TestEvents;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyConditionsTest {

  private static PolicyRule when(String id, String decision, String condition) {
    return new PolicyRule(id, null, null, decision, null, condition, null, null);
  }

  private static PolicyDecision decide(PolicyConfig policy, RequestIntercepted request) {
    return new PolicyEvaluator(policy).evaluate(PolicyRequest.of(request));
  }

  @Test
  void aConditionOnTheClassifiedSqlAndTheResourceDecides() {
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        when("ddl-on-demo", "require-approval", "request.sql.kind == 'DDL' && resource == 'postgres:demo'")));

    assertThat(decide(policy, TestEvents.sql("s", 1, "ALTER TABLE customers DROP COLUMN email", 0)).decision())
        .isEqualTo(Decision.REQUIRE_APPROVAL);
    assertThat(decide(policy, TestEvents.sql("s", 1, "SELECT 1", 0)).decision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void secretTablesUnboundedDeletesAndHighRiskAreExpressible() {
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        when("secret-tables", "deny", "request.sql.tables.exists(t, t in ['payroll', 'api_keys'])"),
        when("delete-all", "require-approval", "'DELETE' in request.sql.commands && !request.sql.hasWhere"),
        new PolicyRule("unbounded-read", null, null, "mask", null,
            "request.sql.kind == 'READ' && !request.sql.hasLimit", "pii", null)));

    assertThat(decide(policy, TestEvents.sql("s", 1, "SELECT * FROM public.payroll LIMIT 1", 0)).rules())
        .containsExactly("secret-tables");
    assertThat(decide(policy, TestEvents.sql("s", 1, "DELETE FROM orders", 0)).rules()).containsExactly("delete-all");
    assertThat(decide(policy, TestEvents.sql("s", 1, "DELETE FROM orders WHERE id = 1", 0)).rules())
        .containsExactly("default");
    PolicyDecision masked = decide(policy, TestEvents.sql("s", 1, "SELECT * FROM customers", 0));
    assertThat(masked.decision()).isEqualTo(Decision.ALLOW);
    assertThat(masked.maskPlan()).isEqualTo("pii");
  }

  @Test
  void agentPurposeTimeAndRiskAreVariables() {
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        when("night", "deny", "time.getHours('UTC') < 6"),
        when("no-ticket", "deny", "!purpose.startsWith('TICKET-') && request.risk == 'HIGH'"),
        when("agent-2", "deny", "agent.id == 'agent-2' && protocol == 'HTTP'")));

    // TestEvents requests are at 12:00 UTC with purpose TICKET-1 from agent-1.
    assertThat(decide(policy, TestEvents.http("s", 1, "DELETE", "/x", 0)).rules()).containsExactly("default");
    RequestIntercepted noPurpose = withHeader(TestEvents.http("s", 1, "DELETE", "/x", 0),
        h -> h.setPurpose(null).setAgent(AgentIdentity.newBuilder().setId("agent-2").build()));
    assertThat(decide(policy, noPurpose).rules()).containsExactly("no-ticket");
    RequestIntercepted night = withHeader(TestEvents.http("s", 1, "GET", "/x", 0),
        h -> h.setTimestamp(TestEvents.T0.minusSeconds(9 * 3600)));
    assertThat(decide(policy, night).rules()).containsExactly("night");
  }

  @Test
  void kubernetesAndMcpFactsAreVariables() {
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        when("exec", "require-approval", "request.k8s.subresource in ['exec', 'attach', 'portforward']"),
        when("mcp-drop", "deny", "request.mcp.tool == 'query' && request.mcp.sql.kind == 'DDL'")));

    RequestIntercepted exec = RequestIntercepted.newBuilder(TestEvents.http("s", 1, "POST", "/x", 0))
        .setBody(KubernetesRequest.newBuilder().setVerb("create").setResource("pods").setSubresource("exec")
            .setNamespace("default").setName("web-0").setPath("/api/v1/namespaces/default/pods/web-0/exec").build())
        .build();
    RequestIntercepted drop = RequestIntercepted.newBuilder(TestEvents.http("s", 1, "POST", "/x", 0))
        .setBody(McpRequest.newBuilder().setMethod("tools/call").setToolName("query")
            .setArguments("{\"sql\":\"DROP TABLE customers\"}").build())
        .build();

    assertThat(decide(policy, withHeader(exec, h -> h.setProtocol(Protocol.KUBERNETES))).rules()).containsExactly("exec");
    assertThat(decide(policy, withHeader(drop, h -> h.setProtocol(Protocol.MCP))).rules()).containsExactly("mcp-drop");
  }

  @Test
  void aConditionThatCannotBeEvaluatedDenies() {
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        when("needs-path", "require-approval", "request.mcp.arguments.path == '/etc'"),
        when("dyn-string", "allow", "request.sql.kind")));

    PolicyDecision decision = decide(policy, TestEvents.http("s", 1, "GET", "/x", 0));

    assertThat(decision.decision()).isEqualTo(Decision.DENY);
    assertThat(decision.rules()).containsExactly("needs-path");
    assertThat(decision.reason()).contains("could not be evaluated");
    PolicyDecision notBool = decide(new PolicyConfig("allow", List.of(when("dyn-string", "allow", "request.sql.kind"))),
        TestEvents.sql("s", 1, "SELECT 1", 0));
    assertThat(notBool.decision()).isEqualTo(Decision.DENY);
  }

  @Test
  void aConditionThatDoesNotCompileIsAConfigErrorNamingTheRule() {
    PolicyConfig policy = new PolicyConfig("allow", List.of(
        when("fine", "allow", "request.risk == 'LOW'"),
        when("broken", "deny", "request.sql.kind == "),
        when("wrong-type", "deny", "resource + 1")));

    assertThat(PolicyCheck.problems(policy)).hasSize(2);
    assertThat(PolicyCheck.problems(policy).get(0)).startsWith("policy.rules[1].when: rule 'broken' does not compile as CEL:");
    assertThat(PolicyCheck.problems(policy).get(1)).startsWith("policy.rules[2].when: rule 'wrong-type'");
    assertThatThrownBy(() -> PolicyCheck.validate(policy)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("rule 'broken'");
    assertThatThrownBy(() -> new PolicyEvaluator(policy)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("policy.rules[1].when: rule 'broken' does not compile as CEL:");
    assertThatThrownBy(() -> new PolicyEvaluator(new PolicyConfig("allow", List.of(when("unknown", "deny", "requets.risk == 'HIGH'")))))
        .hasMessageContaining("requets");
  }

  @Test
  void matchListsAndConditionMustBothHold() {
    PolicyRule rule = new PolicyRule("both", null, new RuleMatch(List.of("SQL"), null, null, null, null), "deny", null,
        "request.risk == 'HIGH'", null, null);
    PolicyConfig policy = new PolicyConfig("allow", List.of(rule));

    assertThat(decide(policy, TestEvents.sql("s", 1, "DROP TABLE x", 0)).decision()).isEqualTo(Decision.DENY);
    assertThat(decide(policy, TestEvents.http("s", 1, "DELETE", "/x", 0)).decision()).isEqualTo(Decision.ALLOW);
    assertThat(decide(policy, TestEvents.sql("s", 1, "SELECT 1", 0)).decision()).isEqualTo(Decision.ALLOW);
  }

  @Test
  void requireApprovalCarriesItsSettings() {
    ApprovalRequirement approval = new ApprovalRequirement(2, "dba", null, null);
    PolicyDecision decision = new PolicyEvaluator(new PolicyConfig("allow", List.of(
        new PolicyRule("ask", null, null, "require-approval", null, null, null, approval))))
        .evaluate(PolicyRequest.of(TestEvents.sql("s", 1, "SELECT 1", 0)));

    assertThat(decision.approval()).isEqualTo(approval);
    assertThat(decision.reason()).isEqualTo("approval required by policy rule ask");
  }

  private static RequestIntercepted withHeader(RequestIntercepted request, java.util.function.Consumer<EventHeader.Builder> edit) {
    EventHeader.Builder header = EventHeader.newBuilder(request.getHeader());
    edit.accept(header);
    return RequestIntercepted.newBuilder(request).setHeader(header.build()).build();
  }
}
