package dev.witness.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyFrontendsTest {

  @Test
  void everyProtocolIsRegisteredByName() {
    assertThat(ProxyFrontends.registered()).containsOnlyKeys("http", "postgres");
    assertThat(ProxyFrontends.named("postgres").name()).isEqualTo("postgres");
    assertThatThrownBy(() -> ProxyFrontends.named("mysql")).hasMessageContaining("known: [http, postgres]");
  }
}
