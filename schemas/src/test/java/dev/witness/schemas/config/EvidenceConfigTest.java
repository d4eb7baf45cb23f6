package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EvidenceConfigTest {

  private final ConfigLoader loader = new ConfigLoader();

  @Test
  void readsTheExportKeyAndTheOwnerCredential() {
    String yaml = """
        evidence:
          jdbcUrl: jdbc:postgresql://db:5432/witness
          user: witness_app
          passwordFromEnv: EVIDENCE_APP_PASSWORD
          ownerUser: witness_owner
          ownerPasswordFromEnv: EVIDENCE_OWNER_PASSWORD
          exportKeyFile: /etc/witness/export-signing.key
        """;

    EvidenceConfig evidence = loader.parse(yaml, "witness.yaml").evidence();

    assertThat(evidence.ownerUser()).isEqualTo("witness_owner");
    assertThat(evidence.ownerPasswordFromEnv()).isEqualTo("EVIDENCE_OWNER_PASSWORD");
    assertThat(evidence.exportKeyFile()).isEqualTo("/etc/witness/export-signing.key");
    assertThat(evidence.user()).isEqualTo("witness_app");
  }

  @Test
  void theOwnerCredentialIsValidatedWithTheFieldAndTheFix() {
    assertThatThrownBy(() -> loader.parse("""
        evidence:
          jdbcUrl: jdbc:postgresql://db:5432/witness
          user: postgres
          ownerUser: postgres
        """, "witness.yaml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("evidence.user: 'postgres' is also evidence.ownerUser");
    assertThatThrownBy(() -> loader.parse("""
        evidence:
          jdbcUrl: jdbc:postgresql://db:5432/witness
          ownerUser: postgres
        """, "witness.yaml"))
        .hasMessageContaining("evidence.user: missing");
    assertThatThrownBy(() -> loader.parse("""
        evidence:
          jdbcUrl: jdbc:postgresql://db:5432/witness
          user: Witness-App
          ownerUser: postgres
        """, "witness.yaml"))
        .hasMessageContaining("evidence.user: 'Witness-App' must be a lower-case identifier");
    assertThatThrownBy(() -> loader.parse("""
        evidence:
          ownerPasswordFromEnv: OWNER_PASSWORD
        """, "witness.yaml"))
        .hasMessageContaining("evidence.ownerPasswordFromEnv: set without evidence.ownerUser");
    assertThatThrownBy(() -> loader.parse("""
        evidence:
          user: witness_app
          ownerUser: postgres
        """, "witness.yaml"))
        .hasMessageContaining("evidence.ownerUser: needs evidence.jdbcUrl");
  }
}
