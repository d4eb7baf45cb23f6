package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PolicyEvaluatorProperties {

  @Property
  void theDecidingRuleIsTheFirstThatMatchesOnItsOwn(
      @ForAll("rules") List<PolicyRule> rules, @ForAll("requests") PolicyRequest request) {
    PolicyDecision decision = new PolicyEvaluator(new PolicyConfig("deny", rules)).evaluate(request);

    String expected = "default";
    for (PolicyRule rule : rules) {
      if (new PolicyEvaluator(new PolicyConfig("deny", List.of(rule))).evaluate(request).rules().contains(rule.id())) {
        expected = rule.id();
        break;
      }
    }
    assertThat(decision.rules()).containsExactly(expected);
  }

  @Property
  void appendingARuleNeverChangesADecisionAnEarlierRuleMade(
      @ForAll("rules") List<PolicyRule> rules, @ForAll("requests") PolicyRequest request) {
    PolicyDecision before = new PolicyEvaluator(new PolicyConfig("deny", rules)).evaluate(request);
    List<PolicyRule> longer = new ArrayList<>(rules);
    longer.add(new PolicyRule("catch-all", null, RuleMatch.any(), "allow", null));

    PolicyDecision after = new PolicyEvaluator(new PolicyConfig("deny", longer)).evaluate(request);

    if (!before.rules().equals(List.of(PolicyEvaluator.DEFAULT_RULE))) {
      assertThat(after).isEqualTo(before);
    } else {
      assertThat(after.rules()).containsExactly("catch-all");
    }
  }

  @Provide
  Arbitrary<List<PolicyRule>> rules() {
    Arbitrary<List<String>> methods = Arbitraries.of("GET", "POST", "DELETE").list().ofMaxSize(2);
    Arbitrary<List<String>> paths = Arbitraries.of("/a/*", "/a/**", "/b", "/**", "/*/c").list().ofMaxSize(2);
    Arbitrary<List<String>> agents = Arbitraries.of("agent-1", "agent-2").list().ofMaxSize(1);
    Arbitrary<String> decisions = Arbitraries.of("allow", "deny", "require-approval");
    Arbitrary<PolicyRule> rule = Combinators.combine(methods, paths, agents, decisions)
        .as((m, p, a, d) -> new PolicyRule("r", null, new RuleMatch(null, null, a, m, p), d, null));
    return rule.list().ofMaxSize(6).map(PolicyEvaluatorProperties::numbered);
  }

  @Provide
  Arbitrary<PolicyRequest> requests() {
    return Combinators.combine(
            Arbitraries.of("agent-1", "agent-2"),
            Arbitraries.of("GET", "POST", "DELETE", "PUT"),
            Arbitraries.of("/", "/a", "/a/1", "/a/1/2", "/b", "/x/c"))
        .as((agent, method, path) -> new PolicyRequest("HTTP", "http:demo", agent, method, path));
  }

  private static List<PolicyRule> numbered(List<PolicyRule> rules) {
    List<PolicyRule> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      PolicyRule r = rules.get(i);
      out.add(new PolicyRule("r" + i, null, r.match(), r.decision(), null));
    }
    return out;
  }
}
