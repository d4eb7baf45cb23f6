package dev.witness.streams.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.schemas.config.PolicyConfig;
import dev.witness.schemas.config.PolicyRule;
import dev.witness.schemas.config.RuleMatch;
import dev.witness.streams.digest.Sha256;
import java.util.HexFormat;
import java.util.List;
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
}
