package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.AuthenticationMessages;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationCleartextPassword;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationMd5Password;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationOk;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSasl;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSaslContinue;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSaslFinal;
import dev.witness.proxy.pg.message.AuthenticationMessages.SaslInitialResponse;
import dev.witness.proxy.pg.message.AuthenticationMessages.SaslResponse;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import dev.witness.proxy.pg.message.SessionMessages.ParameterStatus;
import dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery;
import dev.witness.proxy.pg.message.StartupMessages;
import dev.witness.proxy.pg.message.StartupMessages.StartupMessage;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Logs Witness in to the backend (trust, cleartext, MD5 or SCRAM-SHA-256) and collects the
 * ParameterStatus and BackendKeyData messages up to the first ReadyForQuery, then steps aside.
 */
final class BackendStartupHandler extends ChannelInboundHandlerAdapter {

  private final String user;
  private final String password;
  private final String database;
  private final Map<String, String> parameters;
  private final Promise<BackendSession> ready;
  private final List<ParameterStatus> statuses = new ArrayList<>();
  private BackendKeyData key;
  private ScramClient scram;

  BackendStartupHandler(String user, String password, String database, Map<String, String> parameters,
      Promise<BackendSession> ready) {
    this.user = user;
    this.password = password;
    this.database = database;
    this.parameters = parameters;
    this.ready = ready;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    Map<String, String> startup = new LinkedHashMap<>();
    startup.put("user", user);
    startup.put("database", database);
    startup.putAll(parameters);
    ctx.writeAndFlush(new StartupMessage(StartupMessages.PROTOCOL_3_0, startup));
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      switch (msg) {
        case AuthenticationOk ok -> { }
        case AuthenticationCleartextPassword c -> ctx.writeAndFlush(AuthenticationMessages.password(required()));
        case AuthenticationMd5Password m -> ctx.writeAndFlush(AuthenticationMessages.password(md5(m.salt())));
        case AuthenticationSasl s -> {
          if (!s.mechanisms().contains(ScramClient.MECHANISM)) {
            throw new IllegalStateException("the backend offers only " + s.mechanisms());
          }
          scram = ScramClient.withRandomNonce(required());
          ctx.writeAndFlush(new SaslInitialResponse(ScramClient.MECHANISM, ascii(scram.clientFirstMessage())));
        }
        case AuthenticationSaslContinue c ->
            ctx.writeAndFlush(new SaslResponse(ascii(scram.clientFinalMessage(text(c.data())))));
        case AuthenticationSaslFinal f -> scram.verifyServerFinal(text(f.data()));
        case ParameterStatus p -> statuses.add(p);
        case BackendKeyData k -> key = k;
        case ErrorResponse e -> {
          ready.tryFailure(new BackendUnavailableException("the database refused the login", e, null));
          ctx.close();
        }
        case ReadyForQuery r -> {
          ctx.pipeline().remove(this);
          ready.trySuccess(new BackendSession(ctx.channel(), List.copyOf(statuses), key, r));
        }
        default -> { } // NoticeResponse, NegotiateProtocolVersion: nothing to do while logging in
      }
    } catch (RuntimeException e) {
      ready.tryFailure(new BackendUnavailableException("cannot log in to the database: " + e.getMessage(), null, e));
      ctx.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!ready.isDone()) {
      ctx.read();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    ready.tryFailure(new BackendUnavailableException("the database closed the connection while logging in", null, null));
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ready.tryFailure(new BackendUnavailableException("the database login failed: " + cause.getMessage(), null, cause));
    ctx.close();
  }

  private String required() {
    if (password == null) {
      throw new IllegalStateException("the database asks for a password; set proxy.postgres.backend.password, "
          + "passwordFromEnv or passwordFromFile");
    }
    return password;
  }

  /** PostgreSQL's MD5 scheme: "md5" + md5(md5(password + user) + salt). */
  private String md5(byte[] salt) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      String inner = HexFormat.of().formatHex(md.digest((required() + user).getBytes(StandardCharsets.UTF_8)));
      md.update(inner.getBytes(StandardCharsets.US_ASCII));
      md.update(salt);
      return "md5" + HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 unavailable", e);
    }
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
