package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import java.util.LinkedHashMap;
import java.util.Map;

/** The untyped messages a frontend may open a connection with: StartupMessage and the special requests. */
public final class StartupMessages {

  /** Protocol 3.0. */
  public static final int PROTOCOL_3_0 = 196608;
  static final int CANCEL_CODE = 80877102;
  static final int SSL_CODE = 80877103;
  static final int GSSENC_CODE = 80877104;

  private StartupMessages() {}

  /** Decodes the body (after the length word) of an untyped message. */
  public static PgMessage decode(ByteBuf body) {
    int code = body.readInt();
    return switch (code) {
      case SSL_CODE -> new SslRequest();
      case GSSENC_CODE -> new GssEncRequest();
      case CANCEL_CODE -> new CancelRequest(body.readInt(), body.readInt());
      default -> {
        if (code >>> 16 != 3) {
          throw new PgProtocolException("unsupported protocol version " + (code >>> 16) + "." + (code & 0xffff));
        }
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
          String name = PgWire.readCString(body);
          if (name.isEmpty()) {
            break;
          }
          params.put(name, PgWire.readCString(body));
        }
        yield new StartupMessage(code, params);
      }
    };
  }

  /** Opens a session: protocol version and parameters (user, database, application_name, options...). */
  public record StartupMessage(int protocol, Map<String, String> parameters) implements PgMessage {
    public StartupMessage {
      parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    @Override
    public byte type() {
      return UNTYPED;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(protocol);
      parameters.forEach((k, v) -> {
        PgWire.writeCString(out, k);
        PgWire.writeCString(out, v);
      });
      out.writeByte(0);
    }
  }

  /** Asks for TLS; answered by one byte, 'S' or 'N'. */
  public record SslRequest() implements PgMessage {
    @Override
    public byte type() {
      return UNTYPED;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(SSL_CODE);
    }
  }

  /** Asks for GSSAPI encryption; answered by one byte, 'G' or 'N'. */
  public record GssEncRequest() implements PgMessage {
    @Override
    public byte type() {
      return UNTYPED;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(GSSENC_CODE);
    }
  }

  /** Cancels the running statement of the session identified by the key from BackendKeyData. */
  public record CancelRequest(int processId, int secretKey) implements PgMessage {
    @Override
    public byte type() {
      return UNTYPED;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(CANCEL_CODE);
      out.writeInt(processId);
      out.writeInt(secretKey);
    }
  }
}
