package dev.witness.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ListenAddressTest {

  @Test
  void parsesHostPortAndBracketedIpv6() {
    assertThat(ListenAddress.parse("127.0.0.1:8088")).isEqualTo(new ListenAddress("127.0.0.1", 8088));
    assertThat(ListenAddress.parse("[::1]:0")).isEqualTo(new ListenAddress("::1", 0));
    assertThat(new ListenAddress("::1", 80)).hasToString("[::1]:80");
  }

  @Test
  void rejectsMalformedListenNamingTheSetting() {
    for (String bad : new String[] {"8088", ":8088", "host:", "host:x", "host:70000", null}) {
      assertThatThrownBy(() -> ListenAddress.parse(bad)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("evidence.listen");
    }
  }
}
