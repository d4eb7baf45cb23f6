package dev.witness.proxy.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.time.Duration;
import javax.net.ssl.SSLException;

/** Connects to upstreams over TCP (TLS for https routes) on the agent connection's event loop. */
final class NettyUpstreamConnector implements UpstreamConnector {

  private final Duration connectTimeout;
  private SslContext ssl;

  NettyUpstreamConnector(Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  /** Connects with {@code clientTls} (e.g. trusting the Kubernetes API server's CA) instead of the JDK defaults. */
  NettyUpstreamConnector(Duration connectTimeout, SslContext clientTls) {
    this.connectTimeout = connectTimeout;
    this.ssl = clientTls;
  }

  @Override
  public ChannelFuture connect(RouteTarget route, EventLoop loop) {
    return new Bootstrap()
        // Same loop as the agent channel: the relay's state is touched by one thread only.
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .handler(new UpstreamInitializer(route, route.tls() ? ssl() : null))
        .connect(route.host(), route.port());
  }

  private synchronized SslContext ssl() {
    if (ssl == null) {
      try {
        // JDK trust store; Netty 4.2 verifies the host name of client connections by default.
        ssl = SslContextBuilder.forClient().build();
      } catch (SSLException e) {
        throw new IllegalStateException("cannot create the TLS client context: " + e.getMessage(), e);
      }
    }
    return ssl;
  }
}
