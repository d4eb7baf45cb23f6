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

class PolicyVersionProperties {

  @Property
  void changingAnyStringOfAnyRuleChangesTheVersion(
      @ForAll("policies") PolicyConfig policy, @ForAll("edits") int edit, @ForAll("text") String extra) {
    PolicyConfig changed = edited(policy, edit, extra);

    assertThat(PolicyVersion.of(changed)).isNotEqualTo(PolicyVersion.of(policy));
  }

  @Property
  void reorderingRulesChangesTheVersion(@ForAll("policies") PolicyConfig policy) {
    List<PolicyRule> reversed = new ArrayList<>(policy.rules()).reversed();
    PolicyConfig swapped = new PolicyConfig(policy.defaultDecision(), reversed);

    assertThat(PolicyVersion.of(swapped).equals(PolicyVersion.of(policy)))
        .isEqualTo(reversed.equals(policy.rules()));
  }

  @Provide
  Arbitrary<PolicyConfig> policies() {
    Arbitrary<String> text = text();
    Arbitrary<List<String>> list = text.list().ofMaxSize(2);
    Arbitrary<RuleMatch> match = Combinators.combine(list, list, list, list, list).as(RuleMatch::new);
    Arbitrary<PolicyRule> rule = Combinators.combine(text, text.injectNull(0.3), match,
            Arbitraries.of("allow", "deny", "require-approval"), text.injectNull(0.3))
        .as(PolicyRule::new);
    return Combinators.combine(Arbitraries.of("allow", "deny"), rule.list().ofMinSize(1).ofMaxSize(4))
        .as(PolicyConfig::new);
  }

  @Provide
  Arbitrary<Integer> edits() {
    return Arbitraries.integers().between(0, 5);
  }

  @Provide
  Arbitrary<String> text() {
    return Arbitraries.strings().withChars("ab/*é").ofMaxLength(4);
  }

  /** Appends {@code extra} plus one character to one field of the first rule, so it always differs. */
  private static PolicyConfig edited(PolicyConfig policy, int edit, String extra) {
    PolicyRule r = policy.rules().get(0);
    RuleMatch m = r.match();
    String add = extra + "x";
    PolicyRule changed = switch (edit) {
      case 0 -> new PolicyRule(r.id() + add, r.description(), m, r.decision(), r.reason());
      case 1 -> new PolicyRule(r.id(), r.description() + add, m, r.decision(), r.reason());
      case 2 -> new PolicyRule(r.id(), r.description(), m, r.decision(), r.reason() + add);
      case 3 -> new PolicyRule(r.id(), r.description(), new RuleMatch(m.protocols(), m.resources(), m.agents(),
          m.methods(), append(m.paths(), add)), r.decision(), r.reason());
      case 4 -> new PolicyRule(r.id(), r.description(), new RuleMatch(m.protocols(), append(m.resources(), add),
          m.agents(), m.methods(), m.paths()), r.decision(), r.reason());
      default -> new PolicyRule(r.id(), r.description(), new RuleMatch(m.protocols(), m.resources(), m.agents(),
          append(m.methods(), add), m.paths()), r.decision(), r.reason());
    };
    List<PolicyRule> rules = new ArrayList<>(policy.rules());
    rules.set(0, changed);
    return new PolicyConfig(policy.defaultDecision(), rules);
  }

  private static List<String> append(List<String> values, String value) {
    List<String> out = new ArrayList<>(values);
    out.add(value);
    return out;
  }
}
