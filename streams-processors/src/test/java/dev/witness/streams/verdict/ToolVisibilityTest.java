package dev.witness.streams.verdict;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.event.Authentication;
import dev.witness.schemas.event.AuthenticationOutcome;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import dev.witness.streams.approval.GrantLookup;
import dev.witness.streams.testing.TestEvents;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolVisibilityTest {

  private static final PolicyConfig POLICY = new PolicyConfig("allow", List.of(
      new PolicyRule("no-shell", null, null, "deny", "no shells", "request.mcp.tool == 'run_shell'", null, null),
      new PolicyRule("deny-list", null, null, "deny", null,
          "request.mcp.tool in ['drop_table', 'wipe'] && agent.id == 'agent-1'", null, null),
      new PolicyRule("approve-delete", null, null, "require-approval", null,
          "request.mcp.tool.startsWith('delete_')", null, null),
      new PolicyRule("refunds-for-billing-only", null, null, "deny", null,
          "request.mcp.tool == 'refund' && purpose != 'billing'", null, null)));

  private static RequestIntercepted listed(String agent, List<String> tools) {
    RequestIntercepted base = RequestIntercepted.newBuilder()
        .setHeader(TestEvents.header("s-1", 3, agent, Protocol.MCP))
        .setRequestId("req-list")
        .setReplyPartition(2)
        .setAuthentication(Authentication.newBuilder().setOutcome(AuthenticationOutcome.SUCCEEDED).setMethod("bearer-token").build())
        .setBody(McpRequest.newBuilder().setMethod("tools/list").setJsonRpcId("2").setListedTools(tools).build())
        .build();
    return base;
  }

  @Test
  void hidesDeniedToolsKeepsThoseNeedingApprovalAndAllowsTheListItself() {
    VerdictFactory factory = new VerdictFactory(POLICY, Clock.systemUTC());

    Verdict verdict = factory.decide(listed("agent-1",
        List.of("get_customer", "run_shell", "delete_customer", "drop_table", "refund")), GrantLookup.none())
        .verdict();

    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getHiddenTools()).containsExactly("run_shell", "drop_table", "refund");
    assertThat(verdict.getRules()).containsExactly("no-shell", "deny-list", "refunds-for-billing-only");
    assertThat(verdict.getRequestId()).isEqualTo("req-list");
    assertThat(verdict.getReplyPartition()).isEqualTo(2);
  }

  @Test
  void decidesPerAgentAndPurpose() {
    VerdictFactory factory = new VerdictFactory(POLICY, Clock.systemUTC());
    RequestIntercepted other = listed("agent-2", List.of("drop_table", "refund"));
    other.getHeader().setPurpose("billing");

    Verdict verdict = factory.decide(other, GrantLookup.none()).verdict();

    assertThat(verdict.getHiddenTools()).isEmpty();
    assertThat(verdict.getReason()).isNull();
  }

  @Test
  void aNormalToolsListRequestHasNoHiddenTools() {
    VerdictFactory factory = new VerdictFactory(POLICY, Clock.systemUTC());
    RequestIntercepted request = listed("agent-1", null);

    Verdict verdict = factory.decide(request, GrantLookup.none()).verdict();

    assertThat(ToolVisibility.isListedTools(request)).isFalse();
    assertThat(verdict.getDecision()).isEqualTo(Decision.ALLOW);
    assertThat(verdict.getHiddenTools()).isEmpty();
  }

  @Test
  void aDefaultDenyPolicyHidesEveryToolNoRuleAllows() {
    PolicyConfig policy = new PolicyConfig("deny", List.of(
        new PolicyRule("reads", null, null, "allow", null, "request.mcp.tool.startsWith('get_')", null, null)));

    Verdict verdict = new VerdictFactory(policy, Clock.systemUTC())
        .decide(listed("agent-1", List.of("get_a", "set_b")), GrantLookup.none()).verdict();

    assertThat(verdict.getHiddenTools()).containsExactly("set_b");
    assertThat(verdict.getRules()).containsExactly("default");
  }
}
