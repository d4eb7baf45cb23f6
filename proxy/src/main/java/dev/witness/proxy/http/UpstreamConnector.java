package dev.witness.proxy.http;

import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;

/**
 * Opens a connection to a route's upstream on the given event loop, with AUTO_READ off and the
 * pipeline of {@link UpstreamInitializer}. Tests substitute in-memory channels.
 */
interface UpstreamConnector {

  ChannelFuture connect(RouteTarget route, EventLoop loop);
}
