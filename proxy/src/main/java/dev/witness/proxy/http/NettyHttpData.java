package dev.witness.proxy.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.List;
import java.util.Map;

/** Copies what events need out of Netty messages into {@link HttpRequestData}. */
final class NettyHttpData {

  private NettyHttpData() {}

  /** The request with its aggregated body. */
  static HttpRequestData withBody(FullHttpRequest request, RequestTarget target) {
    byte[] body = ByteBufUtil.getBytes(request.content());
    return new HttpRequestData(request.method().name(), target.path(), target.query(),
        headers(request), body.length == 0 ? null : body, body.length);
  }

  /** The request without its body (refused before the body mattered); size as declared. */
  static HttpRequestData withoutBody(HttpRequest request, RequestTarget target) {
    long declared = HttpUtil.getContentLength(request, -1L);
    if (declared < 0 && request instanceof FullHttpRequest full) {
      declared = full.content().readableBytes();
    }
    return new HttpRequestData(request.method().name(), target.path(), target.query(), headers(request), null, declared);
  }

  private static List<Map.Entry<String, String>> headers(HttpRequest request) {
    return request.headers().entries();
  }
}
