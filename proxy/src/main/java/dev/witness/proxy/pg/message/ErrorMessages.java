package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** ErrorResponse and NoticeResponse: the same list of typed fields (severity, SQLSTATE, message...). */
public final class ErrorMessages {

  public static final char SEVERITY = 'S';
  public static final char SEVERITY_NONLOCALIZED = 'V';
  public static final char CODE = 'C';
  public static final char MESSAGE = 'M';

  private ErrorMessages() {}

  static Map<Character, String> decodeFields(ByteBuf in) {
    Map<Character, String> fields = new LinkedHashMap<>();
    for (byte code = in.readByte(); code != 0; code = in.readByte()) {
      fields.put((char) code, PgWire.readCString(in));
    }
    return fields;
  }

  static void writeFields(ByteBuf out, Map<Character, String> fields) {
    fields.forEach((code, value) -> {
      out.writeByte(code);
      PgWire.writeCString(out, value);
    });
    out.writeByte(0);
  }

  /** A failed command; severity ERROR keeps the session, FATAL ends it. */
  public record ErrorResponse(Map<Character, String> fields) implements PgMessage {
    public ErrorResponse {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An error with the fields every client reads. */
    public static ErrorResponse of(String severity, String sqlState, String message) {
      Map<Character, String> f = new LinkedHashMap<>();
      f.put(SEVERITY, severity);
      f.put(SEVERITY_NONLOCALIZED, severity);
      f.put(CODE, sqlState);
      f.put(MESSAGE, message);
      return new ErrorResponse(f);
    }

    static ErrorResponse decode(ByteBuf in) {
      return new ErrorResponse(decodeFields(in));
    }

    public String sqlState() {
      return fields.get(CODE);
    }

    public String message() {
      return fields.get(MESSAGE);
    }

    public String severity() {
      return fields.getOrDefault(SEVERITY_NONLOCALIZED, fields.get(SEVERITY));
    }

    @Override
    public byte type() {
      return BackendMessageType.ERROR_RESPONSE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      writeFields(out, fields);
    }
  }

  /** A warning or notice; the session goes on. */
  public record NoticeResponse(Map<Character, String> fields) implements PgMessage {
    public NoticeResponse {
      fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    static NoticeResponse decode(ByteBuf in) {
      return new NoticeResponse(decodeFields(in));
    }

    @Override
    public byte type() {
      return BackendMessageType.NOTICE_RESPONSE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      writeFields(out, fields);
    }
  }
}
