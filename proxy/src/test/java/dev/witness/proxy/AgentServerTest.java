package dev.witness.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.witness.schemas.config.ConfigException;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class AgentServerTest {

  @Test
  void parsesHostPortAndBracketedIpv6() {
    assertThat(AgentServer.parse("f", "127.0.0.1:8080", "x")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    assertThat(AgentServer.parse("f", "[::1]:15432", "x").getPort()).isEqualTo(15432);
  }

  @Test
  void badAddressesNameTheFieldAndAnExample() {
    for (String bad : new String[] {"8080", ":8080", "host:port", "127.0.0.1:70000", null}) {
      assertThatThrownBy(() -> AgentServer.parse("proxy.http.listen", bad, "127.0.0.1:8080"))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("proxy.http.listen")
          .hasMessageContaining("127.0.0.1:8080");
    }
  }

  @Test
  void bindsAFreePortAndReleasesIt() throws Exception {
    int port;
    try (AgentServer server = AgentServer.bind("f", "127.0.0.1:0", "x", "test", new ChannelInboundHandlerAdapter())) {
      port = server.port();
      assertThat(port).isPositive();
    }
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aTakenPortIsNamed() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String listen = "127.0.0.1:" + taken.getLocalPort();
      assertThatThrownBy(() -> AgentServer.bind("proxy.postgres.listen", listen, "x", "test",
          new ChannelInboundHandlerAdapter()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("proxy.postgres.listen=" + listen);
    }
  }
}
