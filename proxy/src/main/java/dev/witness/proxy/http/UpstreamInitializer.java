package dev.witness.proxy.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;

/** The pipeline of a connection to an upstream. */
final class UpstreamInitializer extends ChannelInitializer<Channel> {

  private final RouteTarget route;
  private final SslContext ssl;

  UpstreamInitializer(RouteTarget route, SslContext ssl) {
    this.route = route;
    this.ssl = ssl;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    if (ssl != null) {
      p.addLast("tls", ssl.newHandler(ch.alloc(), route.host(), route.port()));
    }
    p.addLast("codec", new HttpClientCodec());
    p.addLast("response", new UpstreamHandler());
  }
}
