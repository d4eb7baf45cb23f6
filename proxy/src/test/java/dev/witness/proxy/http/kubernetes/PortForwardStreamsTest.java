package dev.witness.proxy.http.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyRstStreamFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyStreamStatus;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PortForwardStreamsTest {

  // Each side's frames are encoded by a codec of its own, as kubectl and the kubelet each compress their headers.
  private final EmbeddedChannel agent = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final EmbeddedChannel cluster = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final PortForwardStreams streams = new PortForwardStreams();

  @AfterEach
  void close() {
    streams.close();
    assertThat(agent.finishAndReleaseAll()).isFalse();
    assertThat(cluster.finishAndReleaseAll()).isFalse();
  }

  @Test
  void recordsEachStreamsOpenAndCloseWithTheBytesEachWay() {
    List<String> records = new ArrayList<>();
    records.addAll(fromAgent(syn(1, "error"), syn(3, "data")));
    records.addAll(fromCluster(new DefaultSpdySynReplyFrame(1), new DefaultSpdySynReplyFrame(3)));
    records.addAll(fromAgent(data(3, "hello", false)));
    records.addAll(fromCluster(data(3, "hello back", false)));
    assertThat(records).hasSize(2);
    records.addAll(fromAgent(data(3, "", true)));
    records.addAll(fromCluster(data(3, "", true)));

    assertThat(records.get(0)).contains("\"event\":\"open\"", "\"streamId\":1", "\"streamType\":\"error\"",
        "\"port\":\"8080\"", "\"requestId\":\"0\"", "\"openedBy\":\"agent\"");
    assertThat(records.get(1)).contains("\"event\":\"open\"", "\"streamId\":3", "\"streamType\":\"data\"");
    assertThat(records.get(2)).contains("\"event\":\"close\"", "\"streamId\":3", "\"how\":\"closed\"",
        "\"bytesToCluster\":5", "\"bytesToAgent\":10");
    assertThat(records).hasSize(3);
    assertThat(streams.onSessionEnd()).containsExactly(
        "{\"event\":\"close\",\"streamId\":1,\"streamType\":\"error\",\"port\":\"8080\",\"requestId\":\"0\","
            + "\"how\":\"session-ended\",\"bytesToCluster\":0,\"bytesToAgent\":0}",
        "{\"event\":\"session-end\",\"bytesToCluster\":5,\"bytesToAgent\":10}");
  }

  @Test
  void aFrameSplitAcrossMessagesIsRecordedOnceWhole() {
    ByteBuf bytes = encode(agent, syn(1, "data"));
    ByteBuf head = bytes.readRetainedSlice(7);
    try {
      assertThat(streams.onBytes(true, head)).isEmpty();
      assertThat(streams.onBytes(true, bytes)).singleElement().asString().contains("\"event\":\"open\"");
    } finally {
      head.release();
      bytes.release();
    }
  }

  @Test
  void aResetClosesTheStream() {
    fromAgent(syn(1, "data"));
    assertThat(fromCluster(new DefaultSpdyRstStreamFrame(1, SpdyStreamStatus.CANCEL))).singleElement().asString()
        .contains("\"event\":\"close\"").contains("reset by cluster");
  }

  @Test
  void bytesThatAreNotSpdyAreRefused() {
    // A control frame of SPDY/2, which kubectl never speaks.
    ByteBuf garbage = Unpooled.wrappedBuffer(new byte[] {(byte) 0x80, 2, 0, 1, 0, 0, 0, 4, 0, 0, 0, 1});
    try {
      assertThatThrownBy(() -> streams.onBytes(true, garbage)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not a SPDY/3.1 port-forward stream");
    } finally {
      garbage.release();
    }
  }

  private List<String> fromAgent(Object... frames) {
    return feed(true, agent, frames);
  }

  private List<String> fromCluster(Object... frames) {
    return feed(false, cluster, frames);
  }

  private List<String> feed(boolean agentSent, EmbeddedChannel encoder, Object... frames) {
    ByteBuf bytes = encode(encoder, frames);
    try {
      return streams.onBytes(agentSent, bytes);
    } finally {
      bytes.release();
    }
  }

  private static ByteBuf encode(EmbeddedChannel encoder, Object... frames) {
    encoder.writeOutbound(frames);
    ByteBuf all = Unpooled.buffer();
    ByteBuf b;
    while ((b = encoder.readOutbound()) != null) {
      all.writeBytes(b);
      b.release();
    }
    return all;
  }

  private static DefaultSpdySynStreamFrame syn(int id, String type) {
    DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
    syn.headers().set("streamtype", type).set("port", "8080").set("requestid", "0");
    return syn;
  }

  private static DefaultSpdyDataFrame data(int id, String text, boolean last) {
    DefaultSpdyDataFrame frame = new DefaultSpdyDataFrame(id, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    frame.setLast(last);
    return frame;
  }
}
