package dev.witness.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * Hands the decoded upstream response to whoever is relaying it. Interim (1xx) responses are
 * skipped: the agent gets the final one.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {

  /** Receives one upstream response; called on the channel's event loop. */
  interface Listener {
    void onResponseHead(HttpResponse head);

    /** Takes ownership of {@code content}. */
    void onResponseContent(HttpContent content);

    void onUpstreamReadComplete();

    void onUpstreamClosed();

    void onUpstreamFailure(Throwable cause);
  }

  private Listener listener;
  private boolean skippingInterim;

  /** Directs the next response to {@code next}. */
  void listen(Listener next) {
    this.listener = next;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (listener == null) {
      // Nobody asked: an upstream talking out of turn cannot be trusted with the next request.
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    if (msg instanceof HttpResponse head) {
      int status = head.status().code();
      skippingInterim = status >= 100 && status < 200 && status != 101;
      if (!skippingInterim) {
        listener.onResponseHead(head);
      }
    }
    if (msg instanceof HttpContent content) {
      if (skippingInterim) {
        skippingInterim = !(content instanceof LastHttpContent);
        content.release();
      } else {
        listener.onResponseContent(content);
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamClosed();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (listener != null) {
      listener.onUpstreamFailure(cause);
    }
    ctx.close();
  }
}
