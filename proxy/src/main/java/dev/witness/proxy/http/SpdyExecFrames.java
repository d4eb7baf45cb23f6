package dev.witness.proxy.http;

import dev.witness.proxy.http.KubernetesStreamRelay.Side;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;

/** Hands one leg's SPDY frames and lifecycle to a {@link KubernetesSpdyExecRelay}. */
final class SpdyExecFrames extends ChannelInboundHandlerAdapter {

  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int COMPRESSION_LEVEL = 6;
  private static final int WINDOW_BITS = 15;
  private static final int MEM_LEVEL = 8;

  private final KubernetesSpdyExecRelay relay;
  private final Side side;

  SpdyExecFrames(KubernetesSpdyExecRelay relay, Side side) {
    this.relay = relay;
    this.side = side;
  }

  /**
   * The SPDY/3.1 frame codec of one leg (each leg has its own zlib header contexts, primed with the
   * SPDY/3 dictionary); DATA frames are decoded in pieces of at most {@code maxDataBytes}, each
   * recorded as one chunk.
   */
  static SpdyFrameCodec codec(int maxDataBytes) {
    return new SpdyFrameCodec(SpdyVersion.SPDY_3_1, maxDataBytes, MAX_HEADER_BYTES, COMPRESSION_LEVEL, WINDOW_BITS,
        MEM_LEVEL);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof SpdyFrame frame) {
      relay.onFrame(side, frame);
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
