package dev.witness.streams.verdict;

import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.McpRequest;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.streams.policy.PolicyDecision;
import dev.witness.streams.policy.PolicyEvaluator;
import dev.witness.streams.policy.PolicyRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decides which tools of an upstream {@code tools/list} result an agent may see: a tool is hidden
 * when calling it (with no arguments) would be denied for the same agent, purpose and resource.
 * Tools that need approval stay listed; a call that a {@code when} condition denies only for some
 * arguments stays listed too, and that call is still refused when made.
 */
public final class ToolVisibility {

  /**
   * Which tools to hide and the rules that hid them.
   *
   * @param hidden tool names to remove from the listed result, in listed order
   * @param rules ids of the rules that denied them, without duplicates
   */
  public record Filter(List<String> hidden, List<String> rules) {}

  private final PolicyEvaluator evaluator;

  /** Uses the same evaluator the verdicts of tool calls use. */
  public ToolVisibility(PolicyEvaluator evaluator) {
    this.evaluator = evaluator;
  }

  /** True for the request the proxy derives from a {@code tools/list} result. */
  public static boolean isListedTools(RequestIntercepted request) {
    return request.getBody() instanceof McpRequest mcp && mcp.getListedTools() != null;
  }

  /** The tools of {@code listed} (a request for which {@link #isListedTools} holds) to hide. */
  public Filter filter(RequestIntercepted listed) {
    McpRequest body = (McpRequest) listed.getBody();
    List<String> hidden = new ArrayList<>();
    Set<String> rules = new LinkedHashSet<>();
    for (String tool : new LinkedHashSet<>(body.getListedTools())) {
      PolicyDecision decision = evaluator.evaluate(PolicyRequest.of(asCall(listed, body, tool)));
      if (decision.decision() == Decision.DENY) {
        hidden.add(tool);
        rules.addAll(decision.rules());
      }
    }
    return new Filter(List.copyOf(hidden), List.copyOf(rules));
  }

  /** The same request as a call of {@code tool}: what the policy would see if the agent called it. */
  private static RequestIntercepted asCall(RequestIntercepted listed, McpRequest body, String tool) {
    McpRequest call = McpRequest.newBuilder()
        .setMethod("tools/call")
        .setToolName(tool)
        .setArguments(null)
        .setJsonRpcId(body.getJsonRpcId())
        .setMcpSessionId(body.getMcpSessionId())
        .build();
    return RequestIntercepted.newBuilder(listed).setBody(call).build();
  }
}
