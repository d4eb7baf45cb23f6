package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Primitive field codecs shared by the message families: C strings and length-prefixed values. */
public final class PgWire {

  private PgWire() {}

  /** Reads a NUL-terminated UTF-8 string. */
  public static String readCString(ByteBuf in) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
    if (end < 0) {
      throw new PgProtocolException("string without terminator");
    }
    String s = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
    in.readerIndex(end + 1);
    return s;
  }

  public static void writeCString(ByteBuf out, String s) {
    out.writeCharSequence(s, StandardCharsets.UTF_8);
    out.writeByte(0);
  }

  /** Reads an int32 length then that many bytes; length -1 is SQL NULL. */
  public static byte[] readValue(ByteBuf in) {
    int length = in.readInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.readableBytes()) {
      throw new PgProtocolException("value length " + length + " outside the message");
    }
    return bytes(in, length);
  }

  public static void writeValue(ByteBuf out, byte[] value) {
    if (value == null) {
      out.writeInt(-1);
    } else {
      out.writeInt(value.length);
      out.writeBytes(value);
    }
  }

  public static byte[] bytes(ByteBuf in, int length) {
    byte[] b = new byte[length];
    in.readBytes(b);
    return b;
  }

  /** The rest of the message. */
  public static byte[] rest(ByteBuf in) {
    return bytes(in, in.readableBytes());
  }

  public static short[] readShorts(ByteBuf in) {
    short[] s = new short[in.readUnsignedShort()];
    for (int i = 0; i < s.length; i++) {
      s[i] = in.readShort();
    }
    return s;
  }

  public static void writeShorts(ByteBuf out, short[] s) {
    out.writeShort(s.length);
    for (short v : s) {
      out.writeShort(v);
    }
  }

  public static int[] readInts(ByteBuf in) {
    int[] s = new int[in.readUnsignedShort()];
    for (int i = 0; i < s.length; i++) {
      s[i] = in.readInt();
    }
    return s;
  }

  public static void writeInts(ByteBuf out, int[] s) {
    out.writeShort(s.length);
    for (int v : s) {
      out.writeInt(v);
    }
  }
}
