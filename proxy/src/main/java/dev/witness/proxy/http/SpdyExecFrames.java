package dev.witness.proxy.http;

import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdyVersion;

/** The SPDY/3.1 framing of one leg of a {@link KubernetesSpdyExecRelay}. */
final class SpdyExecFrames {

  private static final int MAX_HEADER_BYTES = 16 * 1024;
  private static final int COMPRESSION_LEVEL = 6;
  private static final int WINDOW_BITS = 15;
  private static final int MEM_LEVEL = 8;

  private SpdyExecFrames() {}

  /**
   * The SPDY/3.1 frame codec of one leg (each leg has its own zlib header contexts, primed with the
   * SPDY/3 dictionary); DATA frames are decoded in pieces of at most {@code maxDataBytes}, each
   * recorded as one chunk.
   */
  static SpdyFrameCodec codec(int maxDataBytes) {
    return new SpdyFrameCodec(SpdyVersion.SPDY_3_1, maxDataBytes, MAX_HEADER_BYTES, COMPRESSION_LEVEL, WINDOW_BITS,
        MEM_LEVEL);
  }
}
