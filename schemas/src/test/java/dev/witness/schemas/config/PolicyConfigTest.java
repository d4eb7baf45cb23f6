package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void readsConditionsApprovalsAndApproverGroups() {
    WitnessConfig config = loader.parse("""
        policy:
          approvers:
            groups:
              dba: [alice@example.com, U0123ABCD, bob@example.com]
          rules:
            - id: approve-ddl
              when: "request.sql.kind == 'DDL' && resource == 'postgres:demo'"
              decision: require-approval
              approval:
                quorum: 2
                approverGroup: dba
                timeout: 10m
                grantWindow: 15m
            - id: mask-reads
              when: "request.sql.kind == 'READ'"
              decision: mask
              maskPlan: pii
        masking:
          plans:
            pii: {}
        """, "witness.yaml");

    PolicyRule ddl = config.policy().rules().get(0);
    assertThat(ddl.when()).isEqualTo("request.sql.kind == 'DDL' && resource == 'postgres:demo'");
    assertThat(ddl.approval()).isEqualTo(new ApprovalRequirement(2, "dba", Duration.ofMinutes(10), Duration.ofMinutes(15)));
    assertThat(config.policy().rules().get(1).maskPlan()).isEqualTo("pii");
    assertThat(config.policy().approvers().groups()).containsEntry("dba",
        List.of("alice@example.com", "U0123ABCD", "bob@example.com"));
  }

  @Test
  void aRequireApprovalRuleWithoutSettingsGetsTheDefaults() {
    WitnessConfig config = loader.parse("""
        policy:
          rules:
            - id: ask
              match: {methods: [DELETE]}
              decision: require-approval
        """, "witness.yaml");

    assertThat(config.policy().rules().get(0).approval()).isEqualTo(ApprovalRequirement.defaults());
    assertThat(config.policy().approvers().groups()).isEmpty();
  }

  @Test
  void namesEachBadPolicyFieldAndTheFix() {
    assertThatThrownBy(() -> loader.parse("""
        policy:
          approvers:
            groups:
              dba: [alice@example.com]
              empty: []
          rules:
            - id: a
              decision: require-approval
              approval: {quorum: 2, approverGroup: dba}
            - id: b
              decision: require-approval
              approval: {approverGroup: dbas, timeout: 0s, grantWindow: -PT1S}
            - id: c
              decision: mask
            - id: d
              decision: deny
              when: " "
              approval: {quorum: 1}
            - id: e
              decision: deny
              maskPlan: pii
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).containsExactlyInAnyOrder(
            "witness.yaml: policy.rules[0].approval.quorum: 2 is more than the 1 members of group 'dba'; it could never be reached",
            "witness.yaml: policy.rules[1].approval.approverGroup: 'dbas' is not a group of policy.approvers.groups [dba, empty]",
            "witness.yaml: policy.rules[1].approval.timeout: must be positive; e.g. 15m",
            "witness.yaml: policy.rules[1].approval.grantWindow: must not be negative; 0s grants only the held request",
            "witness.yaml: policy.rules[2].maskPlan: missing; decision mask needs the name of the masking plan, e.g. maskPlan: pii",
            "witness.yaml: policy.rules[3].when: empty; write a CEL condition, e.g. request.sql.kind == 'DDL', or remove it",
            "witness.yaml: policy.rules[3].approval: only require-approval rules take approval settings; remove it",
            "witness.yaml: policy.rules[4].maskPlan: only allow, mask and require-approval rules forward a response to mask; remove it",
            "witness.yaml: policy.approvers.groups.empty: no members; list e-mail addresses or Slack user ids, e.g. [alice@example.com, U0123ABCD]"));
  }

  @Test
  void theZeroPointOneFormStillReads() {
    PolicyRule rule = new PolicyRule("r", null, null, "deny", "no");

    assertThat(rule.when()).isNull();
    assertThat(rule.approval()).isNull();
    assertThat(new PolicyConfig("deny", List.of(rule)).approvers().groups()).isEmpty();
  }
}
