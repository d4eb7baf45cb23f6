package dev.witness.proxy.http;

import dev.witness.proxy.http.KubernetesStreamRelay.Side;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/** Hands one leg's decoded frames and lifecycle to its {@link StreamLegRelay}. */
final class RelayedFrames<F> extends ChannelInboundHandlerAdapter {

  private final Class<F> frameType;
  private final StreamLegRelay<F> relay;
  private final Side side;

  RelayedFrames(Class<F> frameType, StreamLegRelay<F> relay, Side side) {
    this.frameType = frameType;
    this.relay = relay;
    this.side = side;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (frameType.isInstance(msg)) {
      relay.onFrame(side, frameType.cast(msg));
    } else {
      // e.g. the empty end of the 101 response, still in the decoder's batch
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    relay.onReadComplete(side);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    relay.onClosed(side);
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    relay.onFailure(side, cause);
  }
}
