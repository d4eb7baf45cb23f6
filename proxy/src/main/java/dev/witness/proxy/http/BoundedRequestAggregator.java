package dev.witness.proxy.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates request bodies up to the limit. Instead of Netty's bare 413, an oversized request
 * travels on as an {@link OversizedRequest}, so it is authenticated, recorded and answered with
 * problem+json like every other refusal.
 */
final class BoundedRequestAggregator extends HttpObjectAggregator {

  BoundedRequestAggregator(long maxBodyBytes) {
    super((int) Math.min(Integer.MAX_VALUE, maxBodyBytes));
  }

  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
    // A too-large request that expects 100-continue gets our 413 below, not Netty's.
    if (HttpUtil.is100ContinueExpected(start) && HttpUtil.getContentLength(start, -1L) > maxContentLength) {
      return null;
    }
    return super.newContinueResponse(start, maxContentLength, pipeline);
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    if (oversized instanceof HttpRequest request) {
      // Copy the head: the aggregator releases the oversized message after this returns.
      HttpRequest head = new DefaultHttpRequest(request.protocolVersion(), request.method(), request.uri());
      head.headers().set(request.headers());
      ctx.fireChannelRead(new OversizedRequest(head));
    } else {
      ctx.close();
    }
  }
}
