package dev.witness.proxy.pg.message;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/** The authentication exchange: the backend's Authentication* requests and the frontend's answers. */
public final class AuthenticationMessages {

  static final int OK = 0;
  static final int CLEARTEXT = 3;
  static final int MD5 = 5;
  static final int SASL = 10;
  static final int SASL_CONTINUE = 11;
  static final int SASL_FINAL = 12;
  private static final byte R = BackendMessageType.AUTHENTICATION.code();
  private static final byte P = FrontendMessageType.PASSWORD.code();

  private AuthenticationMessages() {}

  /** Decodes an 'R' message body. */
  public static PgMessage decode(ByteBuf body) {
    int code = body.readInt();
    return switch (code) {
      case OK -> new AuthenticationOk();
      case CLEARTEXT -> new AuthenticationCleartextPassword();
      case MD5 -> new AuthenticationMd5Password(PgWire.bytes(body, 4));
      case SASL -> {
        List<String> mechanisms = new ArrayList<>();
        for (String m = PgWire.readCString(body); !m.isEmpty(); m = PgWire.readCString(body)) {
          mechanisms.add(m);
        }
        yield new AuthenticationSasl(mechanisms);
      }
      case SASL_CONTINUE -> new AuthenticationSaslContinue(PgWire.rest(body));
      case SASL_FINAL -> new AuthenticationSaslFinal(PgWire.rest(body));
      default -> throw new PgProtocolException("unsupported authentication request " + code);
    };
  }

  public record AuthenticationOk() implements PgMessage {
    @Override
    public byte type() {
      return R;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(OK);
    }
  }

  public record AuthenticationCleartextPassword() implements PgMessage {
    @Override
    public byte type() {
      return R;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(CLEARTEXT);
    }
  }

  public record AuthenticationMd5Password(byte[] salt) implements PgMessage {
    @Override
    public byte type() {
      return R;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(MD5);
      out.writeBytes(salt);
    }
  }

  public record AuthenticationSasl(List<String> mechanisms) implements PgMessage {
    @Override
    public byte type() {
      return R;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(SASL);
      mechanisms.forEach(m -> PgWire.writeCString(out, m));
      out.writeByte(0);
    }
  }

  public record AuthenticationSaslContinue(byte[] data) implements PgMessage {
    @Override
    public byte type() {
      return R;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(SASL_CONTINUE);
      out.writeBytes(data);
    }
  }

  public record AuthenticationSaslFinal(byte[] data) implements PgMessage {
    @Override
    public byte type() {
      return R;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeInt(SASL_FINAL);
      out.writeBytes(data);
    }
  }

  /**
   * A frontend 'p' message as received: a PasswordMessage, SASLInitialResponse or SASLResponse
   * (the wire does not say which; the authentication step does). Never logged.
   */
  public record PasswordMessage(byte[] body) implements PgMessage {
    @Override
    public byte type() {
      return P;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeBytes(body);
    }

    /** The body read as a PasswordMessage: the password. */
    public String password() {
      return PgWire.readCString(Unpooled.wrappedBuffer(body));
    }

    /** The body read as a SASLInitialResponse. */
    public SaslInitialResponse asSaslInitialResponse() {
      ByteBuf in = Unpooled.wrappedBuffer(body);
      String mechanism = PgWire.readCString(in);
      return new SaslInitialResponse(mechanism, PgWire.readValue(in));
    }

    @Override
    public String toString() {
      return "PasswordMessage[" + body.length + " bytes]";
    }
  }

  /** A cleartext or MD5-hashed password; toString never shows it. */
  public static PasswordMessage password(String password) {
    ByteBuf b = Unpooled.buffer();
    PgWire.writeCString(b, password);
    return new PasswordMessage(PgWire.rest(b));
  }

  /** The client-first SCRAM message, inside a 'p' frame. */
  public record SaslInitialResponse(String mechanism, byte[] data) implements PgMessage {
    @Override
    public byte type() {
      return P;
    }

    @Override
    public void writeBody(ByteBuf out) {
      PgWire.writeCString(out, mechanism);
      PgWire.writeValue(out, data);
    }
  }

  /** A later SCRAM message, inside a 'p' frame. */
  public record SaslResponse(byte[] data) implements PgMessage {
    @Override
    public byte type() {
      return P;
    }

    @Override
    public void writeBody(ByteBuf out) {
      out.writeBytes(data);
    }
  }
}
