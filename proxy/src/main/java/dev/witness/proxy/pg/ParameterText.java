package dev.witness.proxy.pg;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Renders a bound parameter as text for the event: text-format values as they are, binary ones
 * decoded where the type is known, otherwise {@code base64:} and the raw bytes.
 */
final class ParameterText {

  static final int BOOL = 16;
  static final int BYTEA = 17;
  static final int INT8 = 20;
  static final int INT2 = 21;
  static final int INT4 = 23;
  static final int TEXT = 25;
  static final int OID = 26;
  static final int JSON = 114;
  static final int FLOAT4 = 700;
  static final int FLOAT8 = 701;
  static final int VARCHAR = 1043;
  static final int BPCHAR = 1042;
  static final int NAME = 19;
  static final int UUID_OID = 2950;
  static final int JSONB = 3802;

  private ParameterText() {}

  /** Format 0 is text, 1 binary; {@code typeOid} 0 means the client left the type to the server. */
  static String render(byte[] value, short format, int typeOid) {
    if (value == null) {
      return null;
    }
    if (format == 0) {
      return new String(value, StandardCharsets.UTF_8);
    }
    ByteBuffer b = ByteBuffer.wrap(value);
    try {
      return switch (typeOid) {
        case BOOL -> value.length == 1 ? (value[0] != 0 ? "t" : "f") : base64(value);
        case INT2 -> value.length == 2 ? Short.toString(b.getShort()) : base64(value);
        case INT4, OID -> value.length == 4 ? (typeOid == OID ? Integer.toUnsignedString(b.getInt())
            : Integer.toString(b.getInt())) : base64(value);
        case INT8 -> value.length == 8 ? Long.toString(b.getLong()) : base64(value);
        case FLOAT4 -> value.length == 4 ? Float.toString(b.getFloat()) : base64(value);
        case FLOAT8 -> value.length == 8 ? Double.toString(b.getDouble()) : base64(value);
        case BYTEA -> "\\x" + HexFormat.of().formatHex(value);
        case TEXT, VARCHAR, BPCHAR, NAME, JSON -> new String(value, StandardCharsets.UTF_8);
        case JSONB -> value.length > 0 && value[0] == 1
            ? new String(value, 1, value.length - 1, StandardCharsets.UTF_8) : base64(value);
        case UUID_OID -> value.length == 16 ? new UUID(b.getLong(), b.getLong()).toString() : base64(value);
        default -> base64(value);
      };
    } catch (RuntimeException e) {
      return base64(value);
    }
  }

  private static String base64(byte[] value) {
    return "base64:" + Base64.getEncoder().encodeToString(value);
  }
}
