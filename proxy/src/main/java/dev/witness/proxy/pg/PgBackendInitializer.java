package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.PgFrameDecoder;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;

/** The pipeline of Witness's connection to the backend; the relay is added after login. */
final class PgBackendInitializer extends ChannelInitializer<Channel> {

  private final int maxMessageBytes;
  private final BackendStartupHandler login;

  PgBackendInitializer(int maxMessageBytes, BackendStartupHandler login) {
    this.maxMessageBytes = maxMessageBytes;
    this.login = login;
  }

  @Override
  protected void initChannel(Channel ch) {
    ChannelPipeline p = ch.pipeline();
    p.addLast("frames", new PgFrameDecoder(PgFrameDecoder.Side.BACKEND, maxMessageBytes));
    p.addLast("encoder", PgMessageEncoder.INSTANCE);
    p.addLast("login", login);
  }
}
