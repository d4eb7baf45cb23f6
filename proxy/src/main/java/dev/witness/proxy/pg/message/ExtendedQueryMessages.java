package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The extended query protocol: Parse/Bind/Describe/Execute/Close/Sync/Flush and the backend's acknowledgements. */
public final class ExtendedQueryMessages {

  /** Describe/Close target kinds. */
  public static final byte STATEMENT = 'S';
  public static final byte PORTAL = 'P';

  private ExtendedQueryMessages() {}

  /** Prepares {@code query} as statement {@code name} ("" is the unnamed statement). */
  public record Parse(String name, String query, int[] parameterTypes) implements PgMessage {
    static Parse decode(ByteBuf in) {
      return new Parse(PgWire.readCString(in), PgWire.readCString(in), PgWire.readInts(in));
    }

    @Override
    public byte type() {
      return FrontendMessageType.PARSE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, name);
      PgWire.writeCString(out, query);
      PgWire.writeInts(out, parameterTypes);
    }
  }

  /** Binds parameter values to a statement, making portal {@code portal}; format 0 text, 1 binary. */
  public record Bind(String portal, String statement, short[] parameterFormats, List<byte[]> parameters,
      short[] resultFormats) implements PgMessage {
    public Bind {
      parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
    }

    static Bind decode(ByteBuf in) {
      String portal = PgWire.readCString(in);
      String statement = PgWire.readCString(in);
      short[] formats = PgWire.readShorts(in);
      int n = in.readUnsignedShort();
      List<byte[]> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(PgWire.readValue(in));
      }
      return new Bind(portal, statement, formats, values, PgWire.readShorts(in));
    }

    /** The format code of parameter {@code i}, following the protocol's 0-, 1- or n-codes rule. */
    public short parameterFormat(int i) {
      return parameterFormats.length == 0 ? 0 : parameterFormats.length == 1 ? parameterFormats[0] : parameterFormats[i];
    }

    @Override
    public byte type() {
      return FrontendMessageType.BIND.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, portal);
      PgWire.writeCString(out, statement);
      PgWire.writeShorts(out, parameterFormats);
      out.writeShort(parameters.size());
      parameters.forEach(p -> PgWire.writeValue(out, p));
      PgWire.writeShorts(out, resultFormats);
    }

    @Override
    public String toString() {
      // Parameters may be personal data: never print them.
      return "Bind[portal=" + portal + ", statement=" + statement + ", parameters=" + parameters.size() + "]";
    }
  }

  /** Asks for the description of a statement ('S') or portal ('P'). */
  public record Describe(byte kind, String name) implements PgMessage {
    static Describe decode(ByteBuf in) {
      return new Describe(readKind(in), PgWire.readCString(in));
    }

    @Override
    public byte type() {
      return FrontendMessageType.DESCRIBE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeByte(kind);
      PgWire.writeCString(out, name);
    }
  }

  /** Runs a portal, returning at most {@code maxRows} rows (0 = all). */
  public record Execute(String portal, int maxRows) implements PgMessage {
    static Execute decode(ByteBuf in) {
      return new Execute(PgWire.readCString(in), in.readInt());
    }

    @Override
    public byte type() {
      return FrontendMessageType.EXECUTE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, portal);
      out.writeInt(maxRows);
    }
  }

  /** Closes a statement ('S') or portal ('P'). */
  public record Close(byte kind, String name) implements PgMessage {
    static Close decode(ByteBuf in) {
      return new Close(readKind(in), PgWire.readCString(in));
    }

    @Override
    public byte type() {
      return FrontendMessageType.CLOSE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeByte(kind);
      PgWire.writeCString(out, name);
    }
  }

  /** Ends an extended-query sequence: commit the implicit transaction, recover from errors, send ReadyForQuery. */
  public record Sync() implements PgMessage {
    @Override
    public byte type() {
      return FrontendMessageType.SYNC.code();
    }

    @Override
    public void writeBody(ByteBuf out) {}
  }

  /** Asks the backend to send what it has buffered. */
  public record Flush() implements PgMessage {
    @Override
    public byte type() {
      return FrontendMessageType.FLUSH.code();
    }

    @Override
    public void writeBody(ByteBuf out) {}
  }

  /** The types of a described statement's parameters. */
  public record ParameterDescription(int[] typeOids) implements PgMessage {
    static ParameterDescription decode(ByteBuf in) {
      return new ParameterDescription(PgWire.readInts(in));
    }

    @Override
    public byte type() {
      return BackendMessageType.PARAMETER_DESCRIPTION.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeInts(out, typeOids);
    }
  }

  /** A backend acknowledgement without content: ParseComplete, BindComplete, CloseComplete, NoData, PortalSuspended. */
  public record Acknowledgement(BackendMessageType kind) implements PgMessage {
    public static final Acknowledgement PARSE_COMPLETE = new Acknowledgement(BackendMessageType.PARSE_COMPLETE);
    public static final Acknowledgement BIND_COMPLETE = new Acknowledgement(BackendMessageType.BIND_COMPLETE);
    public static final Acknowledgement CLOSE_COMPLETE = new Acknowledgement(BackendMessageType.CLOSE_COMPLETE);
    public static final Acknowledgement NO_DATA = new Acknowledgement(BackendMessageType.NO_DATA);
    public static final Acknowledgement PORTAL_SUSPENDED = new Acknowledgement(BackendMessageType.PORTAL_SUSPENDED);

    @Override
    public byte type() {
      return kind.code();
    }

    @Override
    public void writeBody(ByteBuf out) {}
  }

  private static byte readKind(ByteBuf in) {
    byte kind = in.readByte();
    if (kind != STATEMENT && kind != PORTAL) {
      throw new PgProtocolException("unknown describe/close kind 0x" + Integer.toHexString(kind & 0xff));
    }
    return kind;
  }
}
