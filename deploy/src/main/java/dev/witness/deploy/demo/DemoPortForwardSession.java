package dev.witness.deploy.demo;

import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * One port-forward session of the demo cluster: SPDY/3.1 frames tunnelled in binary WebSocket
 * messages ({@code SPDY/3.1+portforward.k8s.io}, kubectl 1.31+). Every demo pod serves a tiny HTTP
 * status page on {@link #HTTP_PORT}: each forwarded connection to it gets one response naming the
 * pod; any other port is refused on the connection's error stream, as a kubelet refuses a port
 * nothing listens on. Frames are written without flow control, as Go's SPDY servers do.
 */
final class DemoPortForwardSession extends WebSocketListener {

  /** The port every demo pod serves its status page on. */
  static final int HTTP_PORT = 8080;

  /** The subprotocol of port-forward over WebSocket. */
  static final String TUNNEL = "SPDY/3.1+portforward.k8s.io";

  /** One forwarded connection: its data stream, its error stream, and the request read so far. */
  private static final class Connection {
    Integer dataStream;
    Integer errorStream;
    String port;
    final ByteArrayOutputStream request = new ByteArrayOutputStream();
    boolean answered;
  }

  private final String pod;
  private final EmbeddedChannel spdy = new EmbeddedChannel(new SpdyFrameCodec(SpdyVersion.SPDY_3_1));
  private final Map<String, Connection> connections = new HashMap<>();
  private final Map<Integer, Connection> byStream = new HashMap<>();

  private DemoPortForwardSession(String pod) {
    this.pod = pod;
  }

  /** The session for {@code path} ({@code /api/v1/namespaces/<ns>/pods/<pod>/portforward?ports=...}). */
  static DemoPortForwardSession forPath(String path) {
    String[] segments = URI.create(path).getRawPath().split("/");
    return new DemoPortForwardSession(segments.length >= 2 ? segments[segments.length - 2] : "");
  }

  /** The status page one forwarded HTTP request to {@code pod} gets. */
  static String statusPage(String pod) {
    String body = pod + ": ok (demo service on port " + HTTP_PORT + ")\n";
    return "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
  }

  @Override
  public synchronized void onMessage(WebSocket ws, byte[] bytes) {
    try {
      spdy.writeInbound(Unpooled.wrappedBuffer(bytes));
    } catch (RuntimeException e) {
      // Not SPDY: end the session.
      ws.close(1002, "not a SPDY/3.1 port-forward stream");
      return;
    }
    Object frame;
    while ((frame = spdy.readInbound()) != null) {
      try {
        onFrame(frame);
      } finally {
        ReferenceCountUtil.release(frame);
      }
    }
    ByteBuf out;
    while ((out = spdy.readOutbound()) != null) {
      try {
        ws.send(ByteBufUtil.getBytes(out));
      } finally {
        out.release();
      }
    }
  }

  @Override
  public synchronized void onClosed(WebSocket ws, int code, String reason) {
    spdy.finishAndReleaseAll();
  }

  @Override
  public void onOpen(WebSocket ws, Response response) {
    // kubectl opens the streams.
  }

  private void onFrame(Object frame) {
    if (frame instanceof SpdySynStreamFrame syn) {
      String type = syn.headers().getAsString("streamtype");
      String requestId = syn.headers().getAsString("requestid");
      DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
      // An empty header block is written as no bytes, which Go's SPDY framer cannot read.
      reply.headers().set("streamtype", String.valueOf(type)).set("requestid", String.valueOf(requestId));
      spdy.writeOutbound(reply);
      Connection c = connections.computeIfAbsent(String.valueOf(requestId), id -> new Connection());
      byStream.put(syn.streamId(), c);
      if ("error".equals(type)) {
        c.errorStream = syn.streamId();
      } else if ("data".equals(type)) {
        c.dataStream = syn.streamId();
        c.port = syn.headers().getAsString("port");
        if (!String.valueOf(HTTP_PORT).equals(c.port)) {
          refuse(c);
        }
      }
    } else if (frame instanceof SpdyDataFrame data) {
      Connection c = byStream.get(data.streamId());
      if (c != null && c.dataStream != null && c.dataStream == data.streamId() && !c.answered) {
        byte[] bytes = ByteBufUtil.getBytes(data.content());
        c.request.writeBytes(bytes);
        if (c.request.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n") || data.isLast()) {
          answer(c);
        }
      }
    } else if (frame instanceof SpdyPingFrame ping) {
      spdy.writeOutbound(ping);
    }
  }

  private void answer(Connection c) {
    c.answered = true;
    spdy.writeOutbound(new DefaultSpdyDataFrame(c.dataStream,
        Unpooled.copiedBuffer(statusPage(pod), StandardCharsets.UTF_8)).setLast(true));
    if (c.errorStream != null) {
      spdy.writeOutbound(new DefaultSpdyDataFrame(c.errorStream).setLast(true));
    }
  }

  private void refuse(Connection c) {
    c.answered = true;
    if (c.errorStream != null) {
      spdy.writeOutbound(new DefaultSpdyDataFrame(c.errorStream, Unpooled.copiedBuffer("demo pod " + pod
          + " listens on port " + HTTP_PORT + " only, not " + c.port, StandardCharsets.UTF_8)).setLast(true));
    }
    spdy.writeOutbound(new DefaultSpdyDataFrame(c.dataStream).setLast(true));
  }
}
