package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** Result rows: RowDescription, DataRow and the CommandComplete that ends a result. */
public final class RowMessages {

  private RowMessages() {}

  /** One column of a RowDescription; format 0 is text, 1 binary. */
  public record Field(String name, int tableOid, short columnNumber, int typeOid, short typeSize, int typeModifier,
      short format) {}

  public record RowDescription(List<Field> fields) implements PgMessage {
    public RowDescription {
      fields = List.copyOf(fields);
    }

    static RowDescription decode(ByteBuf in) {
      int n = in.readUnsignedShort();
      List<Field> fields = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        fields.add(new Field(PgWire.readCString(in), in.readInt(), in.readShort(), in.readInt(), in.readShort(),
            in.readInt(), in.readShort()));
      }
      return new RowDescription(fields);
    }

    @Override
    public byte type() {
      return BackendMessageType.ROW_DESCRIPTION.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeShort(fields.size());
      for (Field f : fields) {
        PgWire.writeCString(out, f.name());
        out.writeInt(f.tableOid());
        out.writeShort(f.columnNumber());
        out.writeInt(f.typeOid());
        out.writeShort(f.typeSize());
        out.writeInt(f.typeModifier());
        out.writeShort(f.format());
      }
    }
  }

  /** One row; a null element is SQL NULL. */
  public record DataRow(List<byte[]> values) implements PgMessage {
    public DataRow {
      values = Collections.unmodifiableList(new ArrayList<>(values));
    }

    static DataRow decode(ByteBuf in) {
      int n = in.readUnsignedShort();
      List<byte[]> values = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        values.add(PgWire.readValue(in));
      }
      return new DataRow(values);
    }

    /** Bytes this row takes on the wire, type byte and length word included. */
    public int wireSize() {
      int size = 1 + 4 + 2;
      for (byte[] v : values) {
        size += 4 + (v == null ? 0 : v.length);
      }
      return size;
    }

    @Override
    public byte type() {
      return BackendMessageType.DATA_ROW.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeShort(values.size());
      values.forEach(v -> PgWire.writeValue(out, v));
    }

    @Override
    public String toString() {
      // Row values may be personal data: never print them.
      return "DataRow[" + values.size() + " values]";
    }

    @Override
    public boolean equals(Object o) {
      if (!(o instanceof DataRow other) || other.values.size() != values.size()) {
        return false;
      }
      for (int i = 0; i < values.size(); i++) {
        if (!Arrays.equals(values.get(i), other.values.get(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return values.stream().mapToInt(Arrays::hashCode).reduce(1, (a, b) -> 31 * a + b);
    }
  }

  /** Ends a statement's result; the tag names the command and the rows it touched, e.g. {@code SELECT 3}. */
  public record CommandComplete(String tag) implements PgMessage {
    static CommandComplete decode(ByteBuf in) {
      return new CommandComplete(PgWire.readCString(in));
    }

    @Override
    public byte type() {
      return BackendMessageType.COMMAND_COMPLETE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, tag);
    }
  }
}
