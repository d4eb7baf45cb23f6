package dev.witness.proxy.http;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.http.KubernetesStreamRelay.Side;
import dev.witness.proxy.http.kubernetes.SpdySendWindows;
import dev.witness.proxy.http.kubernetes.StreamChannels;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdyWindowUpdateFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyGoAwayFrame;
import io.netty.handler.codec.spdy.SpdyHeadersFrame;
import io.netty.handler.codec.spdy.SpdyPingFrame;
import io.netty.handler.codec.spdy.SpdyRstStreamFrame;
import io.netty.handler.codec.spdy.SpdySettingsFrame;
import io.netty.handler.codec.spdy.SpdyStreamFrame;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyWindowUpdateFrame;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one exec or attach stream over SPDY/3.1 (the Kubernetes remote-command protocol v1..v4:
 * the client opens one SPDY stream per {@code streamtype} — error, stdin, stdout, stderr, resize)
 * with Witness terminating SPDY on both legs. Like {@link KubernetesStreamRelay} every DATA frame is
 * recorded as a ResponseChunk of the exec request before it passes; cluster output (stdout, stderr,
 * error) reaches the agent only in masked form, re-framed as DATA frames of the masked length, and
 * agent input passes as sent once its record is back. One frame is in flight at a time, in arrival
 * order; a frame that cannot be recorded ends the stream (fail closed) with a failed Status on the
 * error stream.
 *
 * <p>Flow control is per leg, as masking changes lengths: each leg gets WINDOW_UPDATEs from Witness
 * for the DATA bytes Witness received from it, once they have passed; what Witness sends to a leg
 * stays within that leg's own windows ({@link SpdySendWindows}), waiting for its WINDOW_UPDATEs.
 * A peer that has sent none after {@link #WINDOW_GRACE_SECONDS} of waiting is taken not to practise
 * flow control (Go's spdystream). SETTINGS and PING are answered per leg, never forwarded; stream
 * opens, replies, resets and GOAWAY pass in order.
 *
 * <p>Both channels share one event loop, which runs every method here.
 */
final class KubernetesSpdyExecRelay implements StreamLegRelay<SpdyFrame> {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesSpdyExecRelay.class);
  static final int WINDOW_GRACE_SECONDS = 2;

  private record Pending(Side from, SpdyFrame frame) {}

  /** DATA Witness still has to send to {@code to} once its windows allow. */
  private static final class Parked {
    final Side to;
    final int streamId;
    final ByteBuf remaining;
    final boolean fin;
    final Runnable after;

    Parked(Side to, int streamId, ByteBuf remaining, boolean fin, Runnable after) {
      this.to = to;
      this.streamId = streamId;
      this.remaining = remaining;
      this.fin = fin;
      this.after = after;
    }
  }

  private final Channel agent;
  private final Channel upstream;
  private final ExchangeContext exchange;
  private final HttpProxyServices services;
  private final HttpResponseHead head;
  private final ArrayDeque<Pending> queue = new ArrayDeque<>();
  private final Map<Integer, String> streamTypes = new HashMap<>();
  private final Map<Side, SpdySendWindows> windows = new EnumMap<>(Map.of(
      Side.AGENT, new SpdySendWindows(), Side.CLUSTER, new SpdySendWindows()));
  private final Map<Side, ChannelFuture> lastWrite = new EnumMap<>(Side.class);
  private final Map<Side, Boolean> idle = new EnumMap<>(Map.of(Side.AGENT, false, Side.CLUSTER, false));

  private Parked parked;
  private ScheduledFuture<?> graceTimer;
  private boolean inFlight;
  private boolean finished;
  private boolean clusterClosed;
  private int nextChunk;

  KubernetesSpdyExecRelay(Channel agent, Channel upstream, ExchangeContext exchange, HttpProxyServices services,
      HttpResponseHead head) {
    this.agent = agent;
    this.upstream = upstream;
    this.exchange = exchange;
    this.services = services;
    this.head = head;
  }

  /** Both legs speak SPDY now: start reading them. */
  void begin() {
    LOG.info("kubernetes spdy exec open requestId={} sessionId={} resource={}", exchange.requestId(),
        exchange.sessionId(), exchange.resource());
    agent.read();
    upstream.read();
  }

  @Override
  public void onFrame(Side from, SpdyFrame frame) {
    if (finished) {
      ReferenceCountUtil.release(frame);
      return;
    }
    if (frame instanceof SpdyWindowUpdateFrame update) {
      windows.get(from).onWindowUpdate(update.streamId(), update.deltaWindowSize());
      if (parked != null && parked.to == from) {
        sendParked();
      }
      return;
    }
    if (frame instanceof SpdySettingsFrame settings) {
      int initial = settings.getValue(SpdySettingsFrame.SETTINGS_INITIAL_WINDOW_SIZE);
      if (initial >= 0) {
        windows.get(from).onInitialWindowSize(initial);
      }
      return;
    }
    if (frame instanceof SpdyPingFrame ping) {
      // Witness never pings, so every PING is the peer's own: answered on its leg.
      write(from, ping);
      return;
    }
    queue.add(new Pending(from, frame));
    pump();
  }

  @Override
  public void onReadComplete(Side from) {
    idle.put(from, true);
    resume();
  }

  @Override
  public void onClosed(Side side) {
    if (side == Side.CLUSTER && !finished && (inFlight || !queue.isEmpty())
        && (parked == null || parked.to != Side.CLUSTER)) {
      // The cluster may close right after its last frames: they still reach the agent, masked.
      clusterClosed = true;
      return;
    }
    end(null, side);
  }

  @Override
  public void onFailure(Side side, Throwable cause) {
    fail((side == Side.AGENT ? "agent" : "cluster") + " stream failed: " + cause.getClass().getSimpleName());
  }

  private Channel channel(Side side) {
    return side == Side.AGENT ? agent : upstream;
  }

  private static Side other(Side side) {
    return side == Side.AGENT ? Side.CLUSTER : Side.AGENT;
  }

  /** Reads a side again once everything read from it has passed, or while Witness waits for its WINDOW_UPDATE. */
  private void resume() {
    if (finished) {
      return;
    }
    boolean free = !inFlight && queue.isEmpty();
    for (Side side : Side.values()) {
      if (idle.get(side) && (free || (parked != null && parked.to == side))) {
        idle.put(side, false);
        channel(side).read();
      }
    }
  }

  private void pump() {
    while (!finished && !inFlight && !queue.isEmpty()) {
      handle(queue.poll());
    }
    if (clusterClosed && !inFlight && queue.isEmpty()) {
      end(null, Side.CLUSTER);
      return;
    }
    resume();
  }

  private void handle(Pending p) {
    Side to = other(p.from());
    SpdyFrame frame = p.frame();
    if (frame instanceof SpdyDataFrame data) {
      relayData(p.from(), data);
    } else if (frame instanceof SpdySynStreamFrame syn) {
      streamTypes.put(syn.streamId(), syn.headers().getAsString("streamtype"));
      windows.get(to).open(syn.streamId());
      write(to, syn);
    } else if (frame instanceof SpdyHeadersFrame headers) {
      // SYN_REPLY or HEADERS. Netty writes an empty header block as no bytes, which Go's framer
      // (kubectl's) cannot read: the stream's type goes along.
      if (headers.headers().isEmpty()) {
        headers.headers().set("streamtype", String.valueOf(streamTypes.get(headers.streamId())));
      }
      write(to, headers);
    } else if (frame instanceof SpdyRstStreamFrame rst) {
      windows.get(Side.AGENT).close(rst.streamId());
      windows.get(Side.CLUSTER).close(rst.streamId());
      LOG.info("kubernetes spdy stream reset requestId={} stream={} by={} status={}", exchange.requestId(),
          streamTypes.get(rst.streamId()), p.from(), rst.status());
      write(to, rst);
    } else if (frame instanceof SpdyGoAwayFrame goAway) {
      write(to, goAway);
    } else {
      ReferenceCountUtil.release(frame);
    }
  }

  private void relayData(Side from, SpdyDataFrame data) {
    int streamId = data.streamId();
    boolean fin = data.isLast();
    ByteBuf content = data.content();
    int received = content.readableBytes();
    if (received == 0) {
      data.release();
      write(other(from), new DefaultSpdyDataFrame(streamId).setLast(fin));
      return;
    }
    String type = streamTypes.get(streamId);
    String stream = type != null ? type : "stream-" + streamId;
    byte[] bytes = ByteBufUtil.getBytes(content);
    data.release();
    int index = nextChunk++;
    ResponseChunk chunk = services.events().responseChunk(exchange, services.sequences().next(exchange.sessionId()),
        index, false, index == 0 ? head : null, StreamChannels.contentType(stream, bytes), bytes, null,
        Protocol.KUBERNETES);
    inFlight = true;
    services.gate().mask(chunk).whenCompleteAsync(
        (masked, error) -> onRecorded(from, streamId, fin, received, stream, bytes, masked, error), agent.eventLoop());
  }

  private void onRecorded(Side from, int streamId, boolean fin, int received, String stream, byte[] raw,
      MaskedChunk masked, Throwable error) {
    if (finished) {
      return;
    }
    if (error != null || masked.getError() != null) {
      fail("witness could not record the " + stream + " stream; it was ended");
      return;
    }
    // Agent input passes as sent; cluster output only masked.
    ByteBuf out = from == Side.AGENT ? Unpooled.wrappedBuffer(raw) : Unpooled.wrappedBuffer(masked.getPayload());
    parked = new Parked(other(from), streamId, out, fin, () -> {
      grant(from, streamId, received, fin);
      inFlight = false;
      pump();
    });
    sendParked();
  }

  /** Sends as much of the parked DATA as the receiving leg's windows allow; runs its continuation when all is out. */
  private void sendParked() {
    while (parked != null && !finished) {
      Parked p = parked;
      SpdySendWindows w = windows.get(p.to);
      int remaining = p.remaining.readableBytes();
      int room = Math.min(remaining, w.sendable(p.streamId));
      if (remaining > 0 && room == 0) {
        awaitWindow(p.to);
        return;
      }
      cancelGrace();
      boolean whole = room == remaining;
      w.sent(p.streamId, room);
      if (room > 0 || p.fin) {
        write(p.to, new DefaultSpdyDataFrame(p.streamId, p.remaining.readRetainedSlice(room)).setLast(whole && p.fin));
      }
      if (whole) {
        p.remaining.release();
        parked = null;
        p.after.run();
      }
    }
  }

  /** The parked DATA waits for {@code to}'s WINDOW_UPDATE: read that leg meanwhile, and give up on one that sends none. */
  private void awaitWindow(Side to) {
    SpdySendWindows w = windows.get(to);
    if (!w.granted() && graceTimer == null) {
      graceTimer = agent.eventLoop().schedule(() -> {
        graceTimer = null;
        if (!finished && parked != null && parked.to == to && !w.granted()) {
          LOG.info("kubernetes spdy peer sends no WINDOW_UPDATE, flow control waived requestId={} peer={}",
              exchange.requestId(), to);
          w.waive();
          sendParked();
        }
      }, WINDOW_GRACE_SECONDS, TimeUnit.SECONDS);
    }
    resume();
  }

  private void cancelGrace() {
    if (graceTimer != null) {
      graceTimer.cancel(false);
      graceTimer = null;
    }
  }

  /** {@code bytes} received from {@code from} have passed: its windows open again by as much. */
  private void grant(Side from, int streamId, int bytes, boolean fin) {
    write(from, new DefaultSpdyWindowUpdateFrame(0, bytes));
    if (!fin) {
      write(from, new DefaultSpdyWindowUpdateFrame(streamId, bytes));
    }
  }

  private void write(Side to, SpdyFrame frame) {
    Channel ch = channel(to);
    if (!ch.isActive()) {
      ReferenceCountUtil.release(frame);
      return;
    }
    ChannelFuture f = ch.writeAndFlush(frame);
    lastWrite.put(to, f);
    f.addListener((ChannelFutureListener) done -> {
      if (!done.isSuccess() && !finished) {
        fail("could not pass the " + (frame instanceof SpdyStreamFrame s ? streamTypes.get(s.streamId()) : "session")
            + " stream on");
      }
    });
  }

  /** Fail closed: the agent learns why on the error stream, both connections close, the record notes the failure. */
  private void fail(String reason) {
    if (finished) {
      return;
    }
    LOG.warn("kubernetes spdy exec aborted requestId={} resource={} error=\"{}\"", exchange.requestId(),
        exchange.resource(), reason);
    Integer errorStream = streamTypes.entrySet().stream().filter(e -> "error".equals(e.getValue()))
        .map(Map.Entry::getKey).findFirst().orElse(null);
    if (errorStream != null && agent.isActive()) {
      write(Side.AGENT, new DefaultSpdyDataFrame(errorStream,
          Unpooled.wrappedBuffer(StreamChannels.failureStatus(reason))).setLast(true));
    }
    end(reason, null);
  }

  /** Ends the relay once; the last chunk closes the exchange's record, naming the failure if any. */
  private void end(String error, Side closedBy) {
    if (finished) {
      return;
    }
    finished = true;
    cancelGrace();
    Pending p;
    while ((p = queue.poll()) != null) {
      ReferenceCountUtil.release(p.frame());
    }
    if (parked != null) {
      parked.remaining.release();
      parked = null;
    }
    closeAfterWrites(Side.CLUSTER);
    closeAfterWrites(Side.AGENT);
    int index = nextChunk++;
    ResponseChunk last = services.events().responseChunk(exchange, services.sequences().next(exchange.sessionId()),
        index, true, index == 0 ? head : null, null, new byte[0], error, Protocol.KUBERNETES);
    services.gate().mask(last).whenComplete((m, e) -> {
      if (e != null) {
        LOG.warn("kubernetes spdy exec end not recorded requestId={} error=\"{}\"", exchange.requestId(),
            e.getMessage());
      }
    });
    LOG.info("kubernetes spdy exec closed requestId={} chunks={} closedBy={} error=\"{}\"", exchange.requestId(),
        index + 1, closedBy, error);
  }

  private void closeAfterWrites(Side side) {
    Channel ch = channel(side);
    ChannelFuture last = lastWrite.get(side);
    if (last == null || last.isDone()) {
      ch.close();
    } else {
      last.addListener((ChannelFutureListener) f -> ch.close());
    }
  }
}
