package dev.witness.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * Lets {@link KubernetesStreamRelay} relay a raw upgraded connection (SPDY/3.1 port-forward) as it
 * relays WebSocket: each read becomes a binary message, a binary message is written as its bytes,
 * and a close message closes the connection.
 */
final class RawStreamFrames extends ChannelDuplexHandler {

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf bytes) {
      ctx.fireChannelRead(new BinaryWebSocketFrame(bytes));
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof CloseWebSocketFrame close) {
      close.release();
      ctx.flush();
      ctx.close(promise);
    } else if (msg instanceof WebSocketFrame frame) {
      ctx.write(frame.content(), promise);
    } else {
      ctx.write(msg, promise);
    }
  }
}
