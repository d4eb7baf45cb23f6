package dev.witness.proxy.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import org.junit.jupiter.api.Test;

class CancelKeysTest {

  @Test
  void agentKeysMapToBackendKeysUntilForgotten() {
    CancelKeys keys = new CancelKeys();
    BackendKeyData backend = new BackendKeyData(4242, 777);

    BackendKeyData agent = keys.issue(backend);

    assertThat(agent).isNotEqualTo(backend);
    assertThat(keys.backendKey(agent.processId(), agent.secretKey())).isEqualTo(backend);
    assertThat(keys.backendKey(agent.processId(), agent.secretKey() + 1)).isNull();
    keys.forget(agent);
    assertThat(keys.backendKey(agent.processId(), agent.secretKey())).isNull();
    assertThat(keys.size()).isZero();
  }
}
