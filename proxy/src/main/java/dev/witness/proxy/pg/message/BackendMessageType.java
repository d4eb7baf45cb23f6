package dev.witness.proxy.pg.message;

/** Type bytes of messages a PostgreSQL server (backend) sends. */
public enum BackendMessageType {
  AUTHENTICATION('R'),
  PARAMETER_STATUS('S'),
  BACKEND_KEY_DATA('K'),
  READY_FOR_QUERY('Z'),
  NEGOTIATE_PROTOCOL_VERSION('v'),
  ROW_DESCRIPTION('T'),
  DATA_ROW('D'),
  COMMAND_COMPLETE('C'),
  EMPTY_QUERY_RESPONSE('I'),
  ERROR_RESPONSE('E'),
  NOTICE_RESPONSE('N'),
  NOTIFICATION_RESPONSE('A'),
  PARSE_COMPLETE('1'),
  BIND_COMPLETE('2'),
  CLOSE_COMPLETE('3'),
  NO_DATA('n'),
  PARAMETER_DESCRIPTION('t'),
  PORTAL_SUSPENDED('s'),
  COPY_IN_RESPONSE('G'),
  COPY_OUT_RESPONSE('H'),
  COPY_BOTH_RESPONSE('W'),
  COPY_DATA('d'),
  COPY_DONE('c'),
  FUNCTION_CALL_RESPONSE('V');

  private static final BackendMessageType[] BY_BYTE = new BackendMessageType[128];

  static {
    for (BackendMessageType t : values()) {
      BY_BYTE[t.code] = t;
    }
  }

  private final byte code;

  BackendMessageType(char code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  /** The type of {@code b}; throws {@link PgProtocolException} on a byte backends never send. */
  public static BackendMessageType forByte(byte b) {
    BackendMessageType t = b >= 0 ? BY_BYTE[b] : null;
    if (t == null) {
      throw new PgProtocolException("unknown backend message type 0x" + Integer.toHexString(b & 0xff));
    }
    return t;
  }
}
