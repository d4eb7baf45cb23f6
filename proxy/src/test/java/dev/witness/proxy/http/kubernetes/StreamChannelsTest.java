package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StreamChannelsTest {

  @Test
  void channelProtocolsAreRecognised() {
    assertThat(StreamChannels.channelled("v5.channel.k8s.io")).isTrue();
    assertThat(StreamChannels.channelled("v4.channel.k8s.io")).isTrue();
    assertThat(StreamChannels.channelled("SPDY/3.1+portforward.k8s.io")).isFalse();
    assertThat(StreamChannels.channelled(null)).isFalse();
  }

  @Test
  void portForwardTunnelledInWebSocketIsRecognised() {
    assertThat(StreamChannels.tunnelsPortForward("SPDY/3.1+portforward.k8s.io")).isTrue();
    assertThat(StreamChannels.tunnelsPortForward("v5.channel.k8s.io")).isFalse();
    assertThat(StreamChannels.tunnelsPortForward(null)).isFalse();
  }

  @Test
  void upgradeTokensAreMatchedCaseInsensitively() {
    assertThat(StreamChannels.upgradesTo("WebSocket", "websocket")).isTrue();
    assertThat(StreamChannels.upgradesTo("SPDY/3.1", "websocket")).isFalse();
    assertThat(StreamChannels.upgradesTo(null, "websocket")).isFalse();
  }

  @Test
  void contentTypeNamesTheStreamAndKeepsBinaryOutOfTextMasking() {
    assertThat(StreamChannels.contentType(StreamChannels.name(1), "hi\n".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("text/plain; charset=utf-8; k8s-stream=stdout");
    assertThat(StreamChannels.contentType(StreamChannels.name(0), new byte[] {(byte) 0xc3, 0x28}))
        .isEqualTo("application/octet-stream; k8s-stream=stdin");
  }

  @Test
  void failureIsAFailedStatusOnTheErrorChannel() {
    byte[] frame = StreamChannels.failure("witness could not record the \"stdout\" stream");

    assertThat(frame[0]).isEqualTo((byte) 3);
    String json = new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8);
    assertThat(json).contains("\"status\":\"Failure\"").contains("could not record the \\\"stdout\\\" stream");
  }
}
