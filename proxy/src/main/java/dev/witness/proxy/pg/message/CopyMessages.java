package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;

/** The COPY sub-protocol: the backend's Copy*Response and both sides' CopyData/CopyDone, the frontend's CopyFail. */
public final class CopyMessages {

  private CopyMessages() {}

  /**
   * CopyInResponse ('G'), CopyOutResponse ('H') or CopyBothResponse ('W'): overall format and
   * per-column formats (0 text, 1 binary).
   */
  public record CopyResponse(BackendMessageType kind, byte format, short[] columnFormats) implements PgMessage {
    static CopyResponse decode(BackendMessageType kind, ByteBuf in) {
      return new CopyResponse(kind, in.readByte(), PgWire.readShorts(in));
    }

    @Override
    public byte type() {
      return kind.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeByte(format);
      PgWire.writeShorts(out, columnFormats);
    }
  }

  /** A piece of the COPY stream, either direction; {@code type} tells which side's 'd' it is (the same byte). */
  public record CopyData(byte[] data) implements PgMessage {
    @Override
    public byte type() {
      return FrontendMessageType.COPY_DATA.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeBytes(data);
    }

    @Override
    public String toString() {
      return "CopyData[" + data.length + " bytes]";
    }
  }

  /** The COPY stream ended, either direction. */
  public record CopyDone() implements PgMessage {
    @Override
    public byte type() {
      return FrontendMessageType.COPY_DONE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {}
  }

  /** The frontend aborts COPY FROM STDIN. */
  public record CopyFail(String message) implements PgMessage {
    static CopyFail decode(ByteBuf in) {
      return new CopyFail(PgWire.readCString(in));
    }

    @Override
    public byte type() {
      return FrontendMessageType.COPY_FAIL.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, message);
    }
  }
}
