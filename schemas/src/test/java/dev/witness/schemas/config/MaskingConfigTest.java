package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void defaultsRunEveryDetectorAndRedactButCards() {
    MaskingConfig m = loader.parse("", "witness.yaml").masking();
    assertThat(m.strict()).isFalse();
    assertThat(m.detectors()).isEqualTo(MaskingConfig.DETECTORS);
    assertThat(m.operatorFor("card")).isEqualTo("partial");
    assertThat(m.operatorFor("email")).isEqualTo("redact");
    assertThat(m.phoneRegion()).isEqualTo("US");
    assertThat(m.resolveTokenKey(Map.of())).isEqualTo(MaskingConfig.DEV_TOKEN_KEY);
  }

  @Test
  void bindsRulesPatternsAndOperators() {
    MaskingConfig m = loader.parse("""
        masking:
          mode: strict
          tokenKeyFromEnv: MASK_KEY
          operators: {email: token}
          patterns: [{name: order_ref, pattern: "ORD-[0-9]{8}"}]
          rules:
            - id: names
              match: {resources: [postgres:demo]}
              fields: [full_name, "$.customers[*].name"]
              operator: token
        """, "witness.yaml").masking();
    assertThat(m.strict()).isTrue();
    assertThat(m.operatorFor("email")).isEqualTo("token");
    assertThat(m.rules().get(0).match().matches("postgres:demo", "any", null)).isTrue();
    assertThat(m.rules().get(0).match().matches("http:demo", "any", null)).isFalse();
    assertThat(m.resolveTokenKey(Map.of("MASK_KEY", "k".repeat(32)))).isEqualTo("k".repeat(32));
    assertThatThrownBy(() -> m.resolveTokenKey(Map.of())).hasMessageContaining("MASK_KEY");
  }

  @Test
  void namesEachBadFieldAndTheFix() {
    assertThatThrownBy(() -> loader.parse("""
        masking:
          mode: paranoid
          tokenKey: short
          phoneRegion: usa
          detectors: [email, telepathy]
          operators: {email: shred}
          patterns: [{name: Bad-Name, pattern: "(a)\\\\1"}]
          rules:
            - fields: ["$.a[x]"]
              detector: nope
              operator: burn
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("masking.mode: 'paranoid' is not best-effort or strict")
        .hasMessageContaining("masking.tokenKey: shorter than 16 characters")
        .hasMessageContaining("masking.phoneRegion: 'usa'")
        .hasMessageContaining("masking.detectors: 'telepathy'")
        .hasMessageContaining("masking.operators.email: 'shred'")
        .hasMessageContaining("masking.patterns[0].name")
        .hasMessageContaining("masking.patterns[0].pattern: lookaround and backreferences")
        .hasMessageContaining("masking.rules[0].fields: '$.a[x]'")
        .hasMessageContaining("masking.rules[0].detector: 'nope'")
        .hasMessageContaining("masking.rules[0].operator: 'burn'");
  }

  @Test
  void aNamedPlanOverridesTheSectionAndPutsItsRulesFirst() {
    MaskingConfig m = loader.parse("""
        masking:
          operators: {email: token, phone: partial}
          rules:
            - {id: base, fields: [notes], detector: card, operator: fpe}
          plans:
            pii:
              mode: strict
              detectors: [email, card]
              operators: {email: redact}
              rules:
                - {id: names, fields: [full_name], operator: token}
            plain:
        policy:
          rules:
            - {id: reads, decision: mask, maskPlan: pii}
        """, "witness.yaml").masking();

    MaskingConfig pii = m.plan("pii");
    assertThat(pii.strict()).isTrue();
    assertThat(pii.detectors()).containsExactly("email", "card");
    assertThat(pii.operatorFor("email")).isEqualTo("redact");
    assertThat(pii.operatorFor("phone")).isEqualTo("partial");
    assertThat(pii.rules()).extracting(MaskingRule::id).containsExactly("names", "base");
    assertThat(pii.plans()).isEmpty();
    MaskingConfig plain = m.plan("plain");
    assertThat(plain.strict()).isFalse();
    assertThat(plain.detectors()).isEqualTo(MaskingConfig.DETECTORS);
    assertThat(plain.rules()).extracting(MaskingRule::id).containsExactly("base");
    assertThatThrownBy(() -> m.plan("nope")).hasMessageContaining("masking.plans.nope");
  }

  @Test
  void anApprovalRuleMayNameThePlanItsApprovedResponsesGet() {
    WitnessConfig config = loader.parse("""
        masking:
          plans:
            pii: {}
        policy:
          rules:
            - {id: ddl, decision: require-approval, maskPlan: pii}
        """, "witness.yaml");
    assertThat(config.policy().rules().get(0).maskPlan()).isEqualTo("pii");

    assertThatThrownBy(() -> loader.parse("""
        masking:
          plans:
            pii: {}
        policy:
          rules:
            - {id: ddl, decision: require-approval, maskPlan: pci}
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.rules[0].maskPlan: 'pci' is not a plan of masking.plans [pii]");
  }

  @Test
  void aVerdictsPlanMustExistAndPlansAreValidatedLikeTheSection() {
    assertThatThrownBy(() -> loader.parse("""
        masking:
          plans:
            pii:
              mode: loose
              detectors: [telepathy]
              operators: {email: shred}
              rules:
                - {fields: [x], operator: burn}
        policy:
          rules:
            - {id: reads, decision: mask, maskPlan: pci}
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("policy.rules[0].maskPlan: 'pci' is not a plan of masking.plans [pii]; define masking.plans.pci")
        .hasMessageContaining("masking.plans.pii.mode: 'loose'")
        .hasMessageContaining("masking.plans.pii.detectors: 'telepathy'")
        .hasMessageContaining("masking.plans.pii.operators.email: 'shred'")
        .hasMessageContaining("masking.plans.pii.rules[0].operator: 'burn'");
  }
}
