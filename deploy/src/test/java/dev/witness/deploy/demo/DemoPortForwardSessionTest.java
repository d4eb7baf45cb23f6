package dev.witness.deploy.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** kubectl's side of a demo port-forward session, as SPDY/3.1 frames in WebSocket messages. */
class DemoPortForwardSessionTest {

  private final EmbeddedChannel kubectl = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final List<byte[]> sent = new ArrayList<>();
  private final WebSocket ws = new WebSocket() {
    @Override
    public RecordedRequest request() {
      return null;
    }

    @Override
    public boolean send(String text) {
      return false;
    }

    @Override
    public boolean send(byte[] bytes) {
      sent.add(bytes);
      return true;
    }

    @Override
    public boolean close(int code, String reason) {
      return true;
    }
  };
  private final DemoPortForwardSession session =
      DemoPortForwardSession.forPath("/api/v1/namespaces/demo/pods/billing-api/portforward?ports=8080");

  @AfterEach
  void release() {
    session.onClosed(ws, 1000, "");
    kubectl.finishAndReleaseAll();
  }

  @Test
  void aForwardedHttpRequestGetsThePodsStatusPageAndBothStreamsEnd() {
    send(open(1, "error", "8080"), open(3, "data", "8080"),
        new DefaultSpdyDataFrame(3, Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n", StandardCharsets.UTF_8)));

    List<Object> frames = received();
    assertThat(frames).filteredOn(SpdySynReplyFrame.class::isInstance).hasSize(2);
    List<SpdyDataFrame> data = frames.stream().filter(SpdyDataFrame.class::isInstance).map(SpdyDataFrame.class::cast)
        .toList();
    assertThat(data).anySatisfy(d -> {
      assertThat(d.streamId()).isEqualTo(3);
      assertThat(d.isLast()).isTrue();
      assertThat(d.content().toString(StandardCharsets.UTF_8)).startsWith("HTTP/1.1 200 OK")
          .endsWith("billing-api: ok (demo service on port 8080)\n");
    });
    assertThat(data).anySatisfy(d -> {
      assertThat(d.streamId()).isEqualTo(1);
      assertThat(d.isLast()).isTrue();
      assertThat(d.content().isReadable()).isFalse();
    });
    frames.forEach(ReferenceCountUtil::release);
  }

  @Test
  void aPortNothingListensOnIsRefusedOnTheErrorStream() {
    send(open(1, "error", "5432"), open(3, "data", "5432"));

    List<Object> frames = received();
    assertThat(frames).filteredOn(SpdyDataFrame.class::isInstance).map(SpdyDataFrame.class::cast)
        .anySatisfy(d -> {
          assertThat(d.streamId()).isEqualTo(1);
          assertThat(d.content().toString(StandardCharsets.UTF_8)).contains("listens on port 8080 only, not 5432");
        });
    frames.forEach(ReferenceCountUtil::release);
  }

  private static DefaultSpdySynStreamFrame open(int id, String type, String port) {
    DefaultSpdySynStreamFrame syn = new DefaultSpdySynStreamFrame(id, 0, (byte) 0);
    syn.headers().set("streamtype", type).set("port", port).set("requestid", "0");
    return syn;
  }

  private void send(Object... frames) {
    for (Object frame : frames) {
      kubectl.writeOutbound(frame);
      ByteBuf bytes;
      while ((bytes = kubectl.readOutbound()) != null) {
        session.onMessage(ws, ByteBufUtil.getBytes(bytes));
        bytes.release();
      }
    }
  }

  private List<Object> received() {
    for (byte[] message : sent) {
      kubectl.writeInbound(Unpooled.wrappedBuffer(message));
    }
    List<Object> frames = new ArrayList<>();
    Object frame;
    while ((frame = kubectl.readInbound()) != null) {
      frames.add(frame);
    }
    return frames;
  }
}
