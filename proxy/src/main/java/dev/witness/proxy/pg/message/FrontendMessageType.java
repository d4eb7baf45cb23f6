package dev.witness.proxy.pg.message;

/** Type bytes of typed messages an agent (frontend) sends; the backend's letters mean other things. */
public enum FrontendMessageType {
  QUERY('Q'),
  PARSE('P'),
  BIND('B'),
  DESCRIBE('D'),
  EXECUTE('E'),
  SYNC('S'),
  FLUSH('H'),
  CLOSE('C'),
  /** PasswordMessage, SASLInitialResponse or SASLResponse: which one depends on the authentication step. */
  PASSWORD('p'),
  TERMINATE('X'),
  COPY_DATA('d'),
  COPY_DONE('c'),
  COPY_FAIL('f'),
  FUNCTION_CALL('F');

  private static final FrontendMessageType[] BY_BYTE = new FrontendMessageType[128];

  static {
    for (FrontendMessageType t : values()) {
      BY_BYTE[t.code] = t;
    }
  }

  private final byte code;

  FrontendMessageType(char code) {
    this.code = (byte) code;
  }

  public byte code() {
    return code;
  }

  /** The type of {@code b}; throws {@link PgProtocolException} on a byte frontends never send. */
  public static FrontendMessageType forByte(byte b) {
    FrontendMessageType t = b >= 0 ? BY_BYTE[b] : null;
    if (t == null) {
      throw new PgProtocolException("unknown frontend message type 0x" + Integer.toHexString(b & 0xff));
    }
    return t;
  }
}
