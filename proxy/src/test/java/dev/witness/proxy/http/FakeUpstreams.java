package dev.witness.proxy.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.ConnectException;
import java.util.ArrayList;
import java.util.List;

/** Upstream connections as in-memory channels with the real upstream pipeline; counts reads. */
final class FakeUpstreams implements UpstreamConnector {

  /** Counts read() calls that reach the transport: the back-pressure under test. */
  static final class ReadCounter extends ChannelOutboundHandlerAdapter {
    int reads;

    @Override
    public void read(ChannelHandlerContext ctx) {
      reads++;
      ctx.read();
    }
  }

  final List<EmbeddedChannel> opened = new ArrayList<>();
  final List<ReadCounter> counters = new ArrayList<>();
  boolean refuse;

  @Override
  public ChannelFuture connect(RouteTarget route, EventLoop loop) {
    ReadCounter counter = new ReadCounter();
    EmbeddedChannel up = new EmbeddedChannel(false, false, counter, new UpstreamInitializer(route, null));
    up.config().setAutoRead(false);
    try {
      up.register();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    opened.add(up);
    counters.add(counter);
    return refuse ? up.newFailedFuture(new ConnectException("Connection refused")) : up.newSucceededFuture();
  }

  EmbeddedChannel last() {
    return opened.get(opened.size() - 1);
  }

  int reads() {
    return counters.get(counters.size() - 1).reads;
  }

  void releaseAll() {
    opened.forEach(EmbeddedChannel::finishAndReleaseAll);
  }
}
