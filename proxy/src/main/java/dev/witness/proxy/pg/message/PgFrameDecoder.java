package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * The one PostgreSQL frame decoder: untyped startup-phase frames (int32 length + body) until the
 * StartupMessage, then typed frames (type byte + int32 length + body). A frame longer than
 * {@code maxMessageBytes}, an unknown type or a malformed body is a {@link PgProtocolException};
 * after one, every further byte is dropped.
 */
public final class PgFrameDecoder extends ByteToMessageDecoder {

  /** Whose messages this decoder reads. */
  public enum Side {
    /** An agent: starts in the startup phase. */
    FRONTEND,
    /** A PostgreSQL server: typed from the first byte. */
    BACKEND
  }

  private final Side side;
  private final int maxMessageBytes;
  private boolean startupPhase;
  private boolean failed;

  public PgFrameDecoder(Side side, int maxMessageBytes) {
    this.side = side;
    this.maxMessageBytes = maxMessageBytes;
    this.startupPhase = side == Side.FRONTEND;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (failed) {
      in.skipBytes(in.readableBytes());
      return;
    }
    try {
      PgMessage message = startupPhase ? decodeUntyped(in) : decodeTyped(in);
      if (message != null) {
        out.add(message);
      }
    } catch (PgProtocolException e) {
      fail(in);
      throw e;
    } catch (RuntimeException e) {
      fail(in);
      throw new PgProtocolException("malformed message: " + e.getMessage(), e);
    }
  }

  private void fail(ByteBuf in) {
    failed = true;
    in.skipBytes(in.readableBytes());
  }

  private PgMessage decodeUntyped(ByteBuf in) {
    if (in.readableBytes() < 4) {
      return null;
    }
    int length = in.getInt(in.readerIndex());
    // Startup messages are small; 10,000 bytes is PostgreSQL's own limit for them.
    if (length < 8 || length > Math.min(10_000, maxMessageBytes)) {
      throw new PgProtocolException("invalid startup packet length " + length);
    }
    if (in.readableBytes() < length) {
      return null;
    }
    in.skipBytes(4);
    ByteBuf body = in.readSlice(length - 4);
    PgMessage message = StartupMessages.decode(body);
    requireConsumed(body, message);
    if (message instanceof StartupMessages.StartupMessage) {
      startupPhase = false;
    }
    return message;
  }

  private PgMessage decodeTyped(ByteBuf in) {
    if (in.readableBytes() < 1) {
      return null;
    }
    byte type = in.getByte(in.readerIndex());
    // Check the type first: garbage is refused at once, not after waiting for a bogus length.
    if (side == Side.FRONTEND) {
      FrontendMessageType.forByte(type);
    } else {
      BackendMessageType.forByte(type);
    }
    if (in.readableBytes() < 5) {
      return null;
    }
    int length = in.getInt(in.readerIndex() + 1);
    if (length < 4) {
      throw new PgProtocolException("invalid message length " + length);
    }
    if (length > maxMessageBytes) {
      throw new PgProtocolException("message of " + length + " bytes is over the limit of " + maxMessageBytes);
    }
    if (in.readableBytes() < 1 + length) {
      return null;
    }
    in.skipBytes(5);
    ByteBuf body = in.readSlice(length - 4);
    PgMessage message = side == Side.FRONTEND ? FrontendMessages.decode(type, body) : BackendMessages.decode(type, body);
    requireConsumed(body, message);
    return message;
  }

  private static void requireConsumed(ByteBuf body, PgMessage message) {
    if (body.isReadable()) {
      throw new PgProtocolException(body.readableBytes() + " unexpected bytes after " + message.getClass().getSimpleName());
    }
  }
}
