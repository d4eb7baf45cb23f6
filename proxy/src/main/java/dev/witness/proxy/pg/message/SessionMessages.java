package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Session-level messages: run-time parameters, the cancel key, readiness, protocol negotiation, the end. */
public final class SessionMessages {

  private SessionMessages() {}

  /** A run-time parameter the backend reports (server_version, client_encoding...). */
  public record ParameterStatus(String name, String value) implements PgMessage {
    static ParameterStatus decode(ByteBuf in) {
      return new ParameterStatus(PgWire.readCString(in), PgWire.readCString(in));
    }

    @Override
    public byte type() {
      return BackendMessageType.PARAMETER_STATUS.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, name);
      PgWire.writeCString(out, value);
    }
  }

  /** The key a CancelRequest must present to cancel this session's running statement. */
  public record BackendKeyData(int processId, int secretKey) implements PgMessage {
    @Override
    public byte type() {
      return BackendMessageType.BACKEND_KEY_DATA.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(processId);
      out.writeInt(secretKey);
    }
  }

  /** The backend awaits a new query; status is 'I' idle, 'T' in a transaction, 'E' in a failed one. */
  public record ReadyForQuery(byte status) implements PgMessage {
    public static final ReadyForQuery IDLE = new ReadyForQuery((byte) 'I');

    static ReadyForQuery decode(ByteBuf in) {
      byte status = in.readByte();
      if (status != 'I' && status != 'T' && status != 'E') {
        throw new PgProtocolException("unknown transaction status 0x" + Integer.toHexString(status & 0xff));
      }
      return new ReadyForQuery(status);
    }

    @Override
    public byte type() {
      return BackendMessageType.READY_FOR_QUERY.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeByte(status);
    }
  }

  /** The newest minor protocol version the server supports, and the protocol options it does not. */
  public record NegotiateProtocolVersion(int newestMinor, List<String> unsupportedOptions) implements PgMessage {
    static NegotiateProtocolVersion decode(ByteBuf in) {
      int minor = in.readInt();
      int n = in.readInt();
      if (n < 0 || n > in.readableBytes()) {
        throw new PgProtocolException("bad option count " + n);
      }
      List<String> options = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        options.add(PgWire.readCString(in));
      }
      return new NegotiateProtocolVersion(minor, options);
    }

    @Override
    public byte type() {
      return BackendMessageType.NEGOTIATE_PROTOCOL_VERSION.code();
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(newestMinor);
      out.writeInt(unsupportedOptions.size());
      unsupportedOptions.forEach(o -> PgWire.writeCString(out, o));
    }
  }

  /** The frontend ends the session. */
  public record Terminate() implements PgMessage {
    @Override
    public byte type() {
      return FrontendMessageType.TERMINATE.code();
    }

    @Override
    public void writeBody(ByteBuf out) {}
  }

  /**
   * A known message Witness relays without looking inside (FunctionCall, NotificationResponse,
   * FunctionCallResponse).
   */
  public record RawMessage(byte type, byte[] body) implements PgMessage {
    @Override
    public void writeBody(ByteBuf out) {
      out.writeBytes(body);
    }
  }
}
