package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ApiUserConfigTest {

  private static final String HASH = "a".repeat(64);
  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void anApproverMayCarryAnEmailAddress() {
    WitnessConfig config = loader.parse("""
        apiUsers:
          - id: dana
            tokenSha256: %s
            roles: [approver]
            email: dana@example.com
          - id: audit-team
            tokenSha256: %s
            roles: [auditor]
        """.formatted(HASH, HASH), "witness.yaml");
    assertThat(config.apiUsers().get(0).email()).isEqualTo("dana@example.com");
    assertThat(config.apiUsers().get(1).email()).isNull();
  }

  @Test
  void aMalformedEmailIsNamed() {
    assertThatThrownBy(() -> loader.parse("""
        apiUsers:
          - id: dana
            tokenSha256: %s
            roles: [approver]
            email: dana
        """.formatted(HASH), "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("apiUsers[0].email")
        .hasMessageContaining("alice@example.com");
  }
}
