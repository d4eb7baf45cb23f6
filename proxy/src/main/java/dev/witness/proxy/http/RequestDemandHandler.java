package dev.witness.proxy.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Keeps a request for the next message alive until a message arrives. With AUTO_READ off, one
 * read() yields one read cycle; a cycle that only brought part of a request (a head without its
 * body) ends the demand in FlowControlHandler, and the aggregated request would then wait in its
 * queue forever. This handler reads again after every cycle that delivered nothing.
 */
final class RequestDemandHandler extends ChannelDuplexHandler {

  private boolean waiting;

  @Override
  public void read(ChannelHandlerContext ctx) {
    waiting = true;
    ctx.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    waiting = false;
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (waiting) {
      ctx.read();
    }
    ctx.fireChannelReadComplete();
  }
}
