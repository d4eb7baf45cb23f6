package dev.witness.proxy.http;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.http.kubernetes.PortForwardStreams;
import dev.witness.proxy.http.kubernetes.StreamChannels;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one upgraded Kubernetes stream (exec, attach, port-forward) between the agent and the
 * API server, recording every data message before it passes: the data of each message (without
 * its channel byte) becomes a ResponseChunk of the exec request, masked through the masking round
 * trip. Cluster output (stdout, stderr, error status) reaches the agent only in masked form; agent
 * input (stdin, resize) is forwarded as sent once its masked record is back, so evidence never
 * holds what masking hides. One message is in flight at a time, in arrival order; a side is read
 * again only when everything read from it has passed. A message that cannot be recorded ends the
 * stream (fail closed): the agent gets a failed Status on the error channel and a close frame.
 *
 * <p>Port-forward ({@code SPDY/3.1+portforward.k8s.io}) is relayed unchanged, as masking cannot
 * rewrite a pod's own TCP protocol: {@link PortForwardStreams} follows a copy of its SPDY frames,
 * each stream's open is recorded before the message opening it passes, and its close (with the
 * bytes each way) is recorded as it passes.
 *
 * <p>Both channels share one event loop, which runs every method here.
 */
final class KubernetesStreamRelay implements StreamLegRelay<WebSocketFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesStreamRelay.class);
  private static final int CLOSE_INTERNAL_ERROR = 1011;

  /** Where a message came from. */
  enum Side { AGENT, CLUSTER }

  private record Pending(Side from, WebSocketFrame frame) {}

  private final Channel agent;
  private final Channel upstream;
  private final ExchangeContext exchange;
  private final HttpProxyServices services;
  private final HttpResponseHead head;
  private final boolean channelled;
  private final PortForwardStreams portForward;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();

  private boolean inFlight;
  private boolean finished;
  private boolean closeForwarded;
  private boolean agentIdle;
  private boolean clusterIdle;
  private int nextChunk;

  KubernetesStreamRelay(Channel agent, Channel upstream, ExchangeContext exchange, HttpProxyServices services,
      HttpResponseHead head, String subprotocol) {
    this.agent = agent;
    this.upstream = upstream;
    this.exchange = exchange;
    this.services = services;
    this.head = head;
    this.channelled = StreamChannels.channelled(subprotocol);
    this.portForward = StreamChannels.tunnelsPortForward(subprotocol) ? new PortForwardStreams() : null;
  }

  /** Both handshakes are done: start reading both sides. */
  void begin() {
    LOG.info("kubernetes stream open requestId={} sessionId={} resource={} channelled={}",
        exchange.requestId(), exchange.sessionId(), exchange.resource(), channelled);
    agent.read();
    upstream.read();
  }

  @Override
  public void onFrame(Side from, WebSocketFrame frame) {
    if (finished) {
      frame.release();
      return;
    }
    queue.add(new Pending(from, frame));
    pump();
  }

  @Override
  public void onReadComplete(Side from) {
    if (from == Side.AGENT) {
      agentIdle = true;
    } else {
      clusterIdle = true;
    }
    resume();
  }

  @Override
  public void onClosed(Side side) {
    end(null, side);
  }

  @Override
  public void onFailure(Side side, Throwable cause) {
    fail((side == Side.AGENT ? "agent" : "cluster") + " stream failed: " + cause.getClass().getSimpleName());
  }

  private void resume() {
    if (finished || inFlight || !queue.isEmpty()) {
      return;
    }
    if (agentIdle) {
      agentIdle = false;
      agent.read();
    }
    if (clusterIdle) {
      clusterIdle = false;
      upstream.read();
    }
  }

  private void pump() {
    while (!finished && !inFlight && !queue.isEmpty()) {
      handle(queue.poll());
    }
    resume();
  }

  private void handle(Pending p) {
    WebSocketFrame frame = p.frame();
    Channel to = p.from() == Side.AGENT ? upstream : agent;
    if (frame instanceof CloseWebSocketFrame) {
      closeForwarded = true;
      to.writeAndFlush(frame).addListener(ChannelFutureListener.CLOSE);
      end(null, p.from());
      return;
    }
    if (frame instanceof PingWebSocketFrame || frame instanceof PongWebSocketFrame) {
      to.writeAndFlush(frame);
      return;
    }
    if (portForward != null) {
      relayPortForward(p, to);
      return;
    }
    ByteBuf content = frame.content();
    int channel = -1;
    if (channelled && frame instanceof BinaryWebSocketFrame && content.isReadable()) {
      channel = content.getUnsignedByte(content.readerIndex());
    }
    int skip = channel >= 0 ? 1 : 0;
    if (channel == StreamChannels.CLOSE_SIGNAL || content.readableBytes() <= skip) {
      // A control signal or an empty message opening a stream: no data to record.
      to.writeAndFlush(frame);
      return;
    }
    String stream = channel >= 0 ? StreamChannels.name(channel) : p.from() == Side.AGENT ? "agent" : "cluster";
    byte[] data = ByteBufUtil.getBytes(content, content.readerIndex() + skip, content.readableBytes() - skip);
    int index = nextChunk++;
    ResponseChunk chunk = services.events().responseChunk(exchange, services.sequences().next(exchange.sessionId()),
        index, false, index == 0 ? head : null, StreamChannels.contentType(stream, data), data, null,
        Protocol.KUBERNETES);
    inFlight = true;
    int ch = channel;
    services.gate().mask(chunk).whenCompleteAsync(
        (masked, error) -> onRecorded(p, ch, stream, masked, error), agent.eventLoop());
  }

  /** Passes a port-forward message on unchanged, once the streams it opens or closes are recorded. */
  private void relayPortForward(Pending p, Channel to) {
    WebSocketFrame frame = p.frame();
    List<String> records;
    try {
      records = portForward.onBytes(p.from() == Side.AGENT, frame.content());
    } catch (IllegalArgumentException e) {
      frame.release();
      fail("witness could not follow the port-forward stream; it was ended");
      return;
    }
    inFlight = true;
    record(records).whenCompleteAsync((ok, error) -> {
      if (finished) {
        frame.release();
        return;
      }
      if (error != null) {
        frame.release();
        fail("witness could not record the port-forward stream; it was ended");
        return;
      }
      to.writeAndFlush(frame).addListener((ChannelFutureListener) f -> {
        if (finished) {
          return;
        }
        if (!f.isSuccess()) {
          fail("could not pass the port-forward stream on");
          return;
        }
        inFlight = false;
        pump();
      });
    }, agent.eventLoop());
  }

  /** Records each port-forward record (JSON) as a chunk; completes when all are back from masking. */
  private CompletableFuture<Void> record(List<String> records) {
    CompletableFuture<?>[] recorded = new CompletableFuture<?>[records.size()];
    for (int i = 0; i < records.size(); i++) {
      int index = nextChunk++;
      byte[] data = records.get(i).getBytes(StandardCharsets.UTF_8);
      ResponseChunk chunk = services.events().responseChunk(exchange, services.sequences().next(exchange.sessionId()),
          index, false, index == 0 ? head : null, StreamChannels.PORT_FORWARD_CONTENT_TYPE, data, null,
          Protocol.KUBERNETES);
      recorded[i] = services.gate().mask(chunk).thenAccept(m -> {
        if (m.getError() != null) {
          throw new IllegalStateException(String.valueOf(m.getError()));
        }
      });
    }
    return CompletableFuture.allOf(recorded);
  }

  private void onRecorded(Pending p, int channel, String stream, MaskedChunk masked, Throwable error) {
    if (finished) {
      p.frame().release();
      return;
    }
    if (error != null || masked.getError() != null) {
      p.frame().release();
      fail("witness could not record the " + stream + " stream; it was ended");
      return;
    }
    WebSocketFrame out;
    Channel to;
    if (p.from() == Side.AGENT) {
      out = p.frame();
      to = upstream;
    } else {
      byte[] payload = ByteBufUtil.getBytes(Unpooled.wrappedBuffer(masked.getPayload()));
      p.frame().release();
      ByteBuf body = channel >= 0
          ? Unpooled.wrappedBuffer(new byte[] {(byte) channel}, payload) : Unpooled.wrappedBuffer(payload);
      out = p.frame() instanceof TextWebSocketFrame ? new TextWebSocketFrame(body) : new BinaryWebSocketFrame(body);
      to = agent;
    }
    to.writeAndFlush(out).addListener((ChannelFutureListener) f -> {
      if (finished) {
        return;
      }
      if (!f.isSuccess()) {
        fail("could not pass the " + stream + " stream on");
        return;
      }
      inFlight = false;
      pump();
    });
  }

  /** Fail closed: the agent learns why, both connections close, the record notes the failure. */
  private void fail(String reason) {
    if (finished) {
      return;
    }
    LOG.warn("kubernetes stream aborted requestId={} resource={} error=\"{}\"",
        exchange.requestId(), exchange.resource(), reason);
    if (agent.isActive()) {
      if (channelled) {
        agent.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(StreamChannels.failure(reason))));
      }
      agent.writeAndFlush(new CloseWebSocketFrame(CLOSE_INTERNAL_ERROR, closeReason(reason)))
          .addListener(ChannelFutureListener.CLOSE);
    }
    end(reason, null);
  }

  /** Ends the relay once; the last chunk closes the exchange's record, naming the failure if any. */
  private void end(String error, Side closedBy) {
    if (finished) {
      return;
    }
    finished = true;
    Pending p;
    while ((p = queue.poll()) != null) {
      ReferenceCountUtil.release(p.frame());
    }
    if (!closeForwarded) {
      upstream.close();
      if (closedBy == Side.CLUSTER && agent.isActive() && error == null) {
        agent.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
      } else if (error == null) {
        agent.close();
      }
    }
    if (portForward != null) {
      List<String> closing = portForward.onSessionEnd();
      portForward.close();
      record(closing).whenComplete((ok, e) -> {
        if (e != null) {
          LOG.warn("kubernetes port-forward end not recorded requestId={} error=\"{}\"", exchange.requestId(),
              e.getMessage());
        }
      });
    }
    int index = nextChunk++;
    ResponseChunk last = services.events().responseChunk(exchange, services.sequences().next(exchange.sessionId()),
        index, true, index == 0 ? head : null, null, new byte[0], error, Protocol.KUBERNETES);
    services.gate().mask(last).whenComplete((m, e) -> {
      if (e != null) {
        LOG.warn("kubernetes stream end not recorded requestId={} error=\"{}\"", exchange.requestId(), e.getMessage());
      }
    });
    LOG.info("kubernetes stream closed requestId={} chunks={} closedBy={} error=\"{}\"",
        exchange.requestId(), index + 1, closedBy, error);
  }

  private static String closeReason(String reason) {
    // A close frame's reason is at most 123 bytes.
    byte[] bytes = reason.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= 123 ? reason : new String(bytes, 0, 120, StandardCharsets.UTF_8);
  }
}
