package dev.witness.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminConfigTest {

  private final ConfigLoader loader = new ConfigLoader(Map.of());

  @Test
  void absentMeansTheRoleDefault() {
    AdminConfig admin = loader.parse("---\n", "witness.yaml").admin();
    assertThat(admin.listen()).isNull();
    assertThat(admin.listenOrRoleDefault()).isEqualTo("0.0.0.0:9464");
  }

  @Test
  void aConfiguredAddressIsUsed() {
    assertThat(loader.parse("admin:\n  listen: 127.0.0.1:9500\n", "witness.yaml").admin().listenOrRoleDefault())
        .isEqualTo("127.0.0.1:9500");
  }

  @Test
  void aBadAddressIsNamed() {
    assertThatThrownBy(() -> loader.parse("admin:\n  listen: everywhere\n", "witness.yaml"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("admin.listen: 'everywhere' is not host:port");
  }
}
