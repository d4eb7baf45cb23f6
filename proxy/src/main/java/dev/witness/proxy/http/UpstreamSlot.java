package dev.witness.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;

/**
 * The one upstream connection of an agent connection: reused while it is open and goes to the
 * same origin, replaced otherwise. Used from the agent channel's event loop only.
 */
final class UpstreamSlot {

  private final UpstreamConnector connector;
  private final EventLoop loop;
  private Channel channel;
  private String origin;

  UpstreamSlot(UpstreamConnector connector, EventLoop loop) {
    this.connector = connector;
    this.loop = loop;
  }

  /** An open connection to {@code route}'s origin. */
  Future<Channel> acquire(RouteTarget route) {
    if (channel != null && channel.isActive() && route.origin().equals(origin)) {
      return loop.newSucceededFuture(channel);
    }
    discard();
    Promise<Channel> connected = loop.newPromise();
    ChannelFuture connecting = connector.connect(route, loop);
    channel = connecting.channel();
    origin = route.origin();
    connecting.addListener(f -> {
      if (f.isSuccess()) {
        connected.trySuccess(connecting.channel());
      } else {
        connected.tryFailure(f.cause());
      }
    });
    return connected;
  }

  /** Closes the connection, e.g. after a response that cannot be followed by another. */
  void discard() {
    if (channel != null) {
      channel.close();
      channel = null;
      origin = null;
    }
  }
}
