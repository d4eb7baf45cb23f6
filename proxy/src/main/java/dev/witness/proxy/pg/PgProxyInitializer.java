package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.PgFrameDecoder;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** The pipeline of an agent connection to the PostgreSQL proxy; "startup" becomes "session" after login. */
final class PgProxyInitializer extends ChannelInitializer<Channel> {

  private final PgProxyServices services;

  PgProxyInitializer(PgProxyServices services) {
    this.services = services;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("frames", new PgFrameDecoder(PgFrameDecoder.Side.FRONTEND, services.pg().maxMessageBytes()));
    p.addLast("encoder", PgMessageEncoder.INSTANCE);
    p.addLast("startup", new PgStartupHandler(services));
  }
}
