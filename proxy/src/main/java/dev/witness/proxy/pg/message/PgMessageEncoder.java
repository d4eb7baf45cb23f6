package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/** Writes {@link PgMessage}s with their type byte and length word; raw ByteBufs pass through untouched. */
@Sharable
public final class PgMessageEncoder extends MessageToByteEncoder<PgMessage> {

  public static final PgMessageEncoder INSTANCE = new PgMessageEncoder();

  @Override
  protected void encode(ChannelHandlerContext ctx, PgMessage msg, ByteBuf out) {
    write(msg, out);
  }

  /** Appends {@code msg} as it goes on the wire. */
  public static void write(PgMessage msg, ByteBuf out) {
    if (msg.type() != PgMessage.UNTYPED) {
      out.writeByte(msg.type());
    }
    int lengthAt = out.writerIndex();
    out.writeInt(0);
    msg.writeBody(out);
    out.setInt(lengthAt, out.writerIndex() - lengthAt);
  }
}
