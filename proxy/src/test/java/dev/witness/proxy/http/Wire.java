package dev.witness.proxy.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Raw HTTP bytes in and out of embedded channels. */
final class Wire {

  private Wire() {}

  static ByteBuf bytes(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
  }

  /** Everything the channel wrote so far, as text. */
  static String drain(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    for (Object o = ch.readOutbound(); o != null; o = ch.readOutbound()) {
      ByteBuf b = (ByteBuf) o;
      out.append(b.toString(StandardCharsets.ISO_8859_1));
      b.release();
    }
    return out.toString();
  }

  /** Parses complete responses out of raw bytes; the caller releases them. */
  static List<FullHttpResponse> responses(String raw) {
    EmbeddedChannel parser = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 24));
    parser.writeInbound(bytes(raw));
    List<FullHttpResponse> out = new ArrayList<>();
    for (Object o = parser.readInbound(); o != null; o = parser.readInbound()) {
      out.add((FullHttpResponse) o);
    }
    parser.finishAndReleaseAll();
    return out;
  }

  static String body(FullHttpResponse r) {
    return r.content().toString(StandardCharsets.ISO_8859_1);
  }
}
