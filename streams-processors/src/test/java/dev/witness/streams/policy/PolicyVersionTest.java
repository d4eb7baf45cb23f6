package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.ApprovalRequirement;
import dev.witness.schemas.config.ApproversConfig;
import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.streams.digest.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyVersionTest {

  private static final PolicyConfig POLICY = new PolicyConfig("deny", List.of(
      new PolicyRule("reads", "reads are fine", new RuleMatch(null, null, null, List.of("GET"), List.of("/**")),
          "allow", null)));

  @Test
  void isLowerCaseHexSha256() {
    assertThat(PolicyVersion.of(POLICY)).hasSize(64).matches("[0-9a-f]{64}");
  }

  @Test
  void isStableAcrossEqualPolicies() {
    PolicyConfig copy = new PolicyConfig("deny", List.of(
        new PolicyRule("reads", "reads are fine", new RuleMatch(null, null, null, List.of("GET"), List.of("/**")),
            "allow", null)));

    assertThat(PolicyVersion.of(copy)).isEqualTo(PolicyVersion.of(POLICY));
  }

  @Test
  void pinsTheCanonicalFormOfTheDefaultPolicy() {
    // Changing the canonical form changes every recorded version: bump the format name if you must.
    assertThat(PolicyVersion.of(PolicyConfig.defaults()))
        .isEqualTo(HexFormat.of().formatHex(Sha256.digest(new byte[] {
            0, 0, 0, 17, 'w', 'i', 't', 'n', 'e', 's', 's', '.', 'p', 'o', 'l', 'i', 'c', 'y', '.', 'v', '1',
            0, 0, 0, 5, 'a', 'l', 'l', 'o', 'w',
            0, 0, 0, 0})));
  }

  @Test
  void fieldBoundariesCannotBeShifted() {
    PolicyConfig ab = new PolicyConfig("deny", List.of(new PolicyRule("ab", "c", null, "allow", null)));
    PolicyConfig a = new PolicyConfig("deny", List.of(new PolicyRule("a", "bc", null, "allow", null)));
    PolicyConfig nullReason = new PolicyConfig("deny", List.of(new PolicyRule("a", null, null, "allow", null)));
    PolicyConfig emptyReason = new PolicyConfig("deny", List.of(new PolicyRule("a", null, null, "allow", "")));

    assertThat(PolicyVersion.of(ab)).isNotEqualTo(PolicyVersion.of(a));
    assertThat(PolicyVersion.of(nullReason)).isNotEqualTo(PolicyVersion.of(emptyReason));
  }

  @Test
  void conditionsApprovalsAndGroupsAreCoveredWhileOldPoliciesKeepTheirVersion() {
    PolicyRule plain = new PolicyRule("ask", null, null, "require-approval", null);
    PolicyConfig old = new PolicyConfig("allow", List.of(plain));
    PolicyConfig withWhen = new PolicyConfig("allow", List.of(
        new PolicyRule("ask", null, null, "require-approval", null, "request.risk == 'HIGH'", null, null)));
    PolicyConfig withQuorum = new PolicyConfig("allow", List.of(
        new PolicyRule("ask", null, null, "require-approval", null, null, null, new ApprovalRequirement(2, null, null, null))));
    PolicyConfig withGroups = new PolicyConfig("allow", List.of(plain),
        new ApproversConfig(Map.of("dba", List.of("alice@example.com"))));
    PolicyConfig otherMembers = new PolicyConfig("allow", List.of(plain),
        new ApproversConfig(Map.of("dba", List.of("bob@example.com"))));

    // A require-approval rule with default settings hashes as it did before approval settings existed.
    assertThat(new String(PolicyVersion.canonicalBytes(old), StandardCharsets.ISO_8859_1)).doesNotContain("ext1");
    assertThat(List.of(PolicyVersion.of(old), PolicyVersion.of(withWhen), PolicyVersion.of(withQuorum),
        PolicyVersion.of(withGroups), PolicyVersion.of(otherMembers))).doesNotHaveDuplicates();
  }
}
