package dev.witness.proxy.pg;

import dev.witness.proxy.auth.AgentAuthenticator.ScramAgent;
import dev.witness.proxy.auth.AuthResult;
import dev.witness.proxy.auth.AuthenticatedAgent;
import dev.witness.proxy.auth.ScramServer;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationCleartextPassword;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationOk;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSasl;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSaslContinue;
import dev.witness.proxy.pg.message.AuthenticationMessages.AuthenticationSaslFinal;
import dev.witness.proxy.pg.message.AuthenticationMessages.PasswordMessage;
import dev.witness.proxy.pg.message.AuthenticationMessages.SaslInitialResponse;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.PgProtocolException;
import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import dev.witness.proxy.pg.message.SessionMessages.NegotiateProtocolVersion;
import dev.witness.proxy.pg.message.StartupMessages.CancelRequest;
import dev.witness.proxy.pg.message.StartupMessages.GssEncRequest;
import dev.witness.proxy.pg.message.StartupMessages.SslRequest;
import dev.witness.proxy.pg.message.StartupMessages.StartupMessage;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An agent connection until its session starts: starts TLS when configured (GSS encryption is declined),
 * forwards cancel requests, authenticates the agent (user name = agent id; SCRAM-SHA-256 when the
 * agent has a verifier configured, else the token as cleartext password checked against its
 * SHA-256), logs in to the backend and hands over to
 * {@link PgSessionHandler}.
 */
final class PgStartupHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PgStartupHandler.class);
  private static final byte[] NO = {'N'};
  private static final byte[] YES = {'S'};

  private final PgProxyServices services;
  private StartupParameters startup;
  private ScramAgent scramAgent;
  private ScramServer scram;
  private boolean scramStarted;
  private boolean busy;

  PgStartupHandler(PgProxyServices services) {
    this.services = services;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    switch (msg) {
      case SslRequest s -> startTls(ctx);
      case GssEncRequest g -> ctx.writeAndFlush(Unpooled.wrappedBuffer(NO));
      case CancelRequest c -> cancel(ctx, c);
      case StartupMessage s when startup == null -> {
        startup = new StartupParameters(s.parameters());
        String invalid = startup.invalidWitnessOption();
        if (invalid != null) {
          // Refused before authentication, like PostgreSQL refuses a bad startup setting.
          LOG.info("pg startup refused user={} sqlstate={} reason=\"{}\"", startup.user(), PgErrors.INVALID_PARAMETER_VALUE,
              invalid);
          refuse(ctx, ErrorResponse.of(PgErrors.FATAL, PgErrors.INVALID_PARAMETER_VALUE, invalid));
          return;
        }
        if (!startup.dropped().isEmpty()) {
          LOG.info("pg startup parameters not forwarded user={} names={}", startup.user(), startup.dropped());
        }
        List<String> extensions = s.parameters().keySet().stream().filter(k -> k.startsWith("_pq_.")).toList();
        if ((s.protocol() & 0xffff) != 0 || !extensions.isEmpty()) {
          ctx.write(new NegotiateProtocolVersion(0, extensions));
        }
        scramAgent = services.authenticator().scramAgent(startup.user()).orElse(null);
        if (scramAgent != null) {
          scram = new ScramServer(scramAgent.verifier());
          ctx.writeAndFlush(new AuthenticationSasl(List.of(ScramServer.MECHANISM)));
        } else {
          ctx.writeAndFlush(new AuthenticationCleartextPassword());
        }
      }
      case PasswordMessage p when startup != null && !busy && scram != null -> scramStep(ctx, p);
      case PasswordMessage p when startup != null && !busy -> authenticate(ctx, p.password());
      default -> refuse(ctx, PgErrors.toErrorResponse(
          new PgProtocolException("unexpected " + msg.getClass().getSimpleName() + " while starting up")));
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!busy && ctx.channel().isActive()) {
      ctx.read();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.info("pg agent startup failed remote={} error={}", ctx.channel().remoteAddress(), cause.toString());
    refuse(ctx, PgErrors.toErrorResponse(cause));
  }

  /** 'S' goes out in clear, then the TLS handshake; the StartupMessage follows inside TLS. */
  private void startTls(ChannelHandlerContext ctx) {
    if (services.tls() == null || ctx.pipeline().get(SslHandler.class) != null) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(NO));
      return;
    }
    ctx.writeAndFlush(Unpooled.wrappedBuffer(YES));
    ctx.pipeline().addFirst("tls", services.tls().newHandler(ctx.alloc()));
  }

  private void cancel(ChannelHandlerContext ctx, CancelRequest c) {
    BackendKeyData backendKey = services.cancelKeys().backendKey(c.processId(), c.secretKey());
    LOG.info("pg cancel request known={}", backendKey != null);
    if (backendKey != null) {
      // A statement held for approval never reached the backend: withdrawing it is its cancel.
      services.cancelKeys().cancelAction(c.processId(), c.secretKey()).run();
      services.backends().cancel(ctx.channel().eventLoop(), backendKey);
    }
    ctx.close();
  }

  private void authenticate(ChannelHandlerContext ctx, String token) {
    busy = true;
    String user = startup.user();
    AuthResult result = services.authenticator().authenticateToken(token);
    if (!(result instanceof AuthResult.Authenticated a) || !a.agent().id().equals(user)) {
      String reason = result instanceof AuthResult.Rejected r ? r.reason() : "token of another agent";
      rejectLogin(ctx, user, PgEventFactory.TOKEN_PASSWORD, reason + " for user \"" + user + "\"");
      return;
    }
    loggedIn(ctx, a.agent(), PgEventFactory.TOKEN_PASSWORD);
  }

  /** SASLInitialResponse, then SASLResponse: the token proven without being sent. */
  private void scramStep(ChannelHandlerContext ctx, PasswordMessage p) {
    String user = startup.user();
    try {
      if (!scramStarted) {
        SaslInitialResponse first = p.asSaslInitialResponse();
        if (!ScramServer.MECHANISM.equals(first.mechanism()) || first.data() == null) {
          throw new IllegalArgumentException("unsupported SASL mechanism " + first.mechanism());
        }
        scramStarted = true;
        ctx.writeAndFlush(new AuthenticationSaslContinue(
            scram.serverFirstMessage(new String(first.data(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)));
        return;
      }
      busy = true;
      String serverFinal = scram.serverFinalMessage(new String(p.body(), StandardCharsets.UTF_8));
      if (serverFinal == null) {
        rejectLogin(ctx, user, PgEventFactory.SCRAM, "wrong SCRAM proof for user \"" + user + "\"");
        return;
      }
      ctx.write(new AuthenticationSaslFinal(serverFinal.getBytes(StandardCharsets.UTF_8)));
      loggedIn(ctx, scramAgent.agent(), PgEventFactory.SCRAM);
    } catch (RuntimeException e) {
      busy = true;
      rejectLogin(ctx, user, PgEventFactory.SCRAM, "malformed SCRAM exchange for user \"" + user + "\"");
    }
  }

  private void loggedIn(ChannelHandlerContext ctx, AuthenticatedAgent agent, String method) {
    String configured = services.backends().configuredDatabase();
    if (configured != null && !configured.equals(startup.database())) {
      refuse(ctx, ErrorResponse.of(PgErrors.FATAL, PgErrors.INVALID_CATALOG, "database \"" + startup.database()
          + "\" is not served through this Witness proxy; connect to \"" + configured + "\""));
      return;
    }
    // A connection joins the agent session its SQL tool names (-c witness.session=), so its statements
    // share one sequence with the agent's HTTP/MCP calls; otherwise it is a session of its own.
    String joined = startup.sessionId();
    PgSession session = new PgSession(joined != null ? joined : services.newId(), agent, startup.purpose(),
        services.backends().database(startup.database()), services.pg().resource(), services.replyPartition(), method,
        startup.toolCallId(), joined != null);
    services.backends().open(ctx.channel().eventLoop(), session.database(), startup.forBackend())
        .addListener((Future<BackendSession> f) -> {
          if (!f.isSuccess()) {
            LOG.warn("pg backend login failed sessionId={} error=\"{}\"", session.sessionId(), f.cause().getMessage());
            refuse(ctx, PgErrors.toErrorResponse(f.cause()));
          } else if (!ctx.channel().isActive()) {
            f.getNow().channel().close();
          } else {
            begin(ctx, session, f.getNow());
          }
        });
  }

  private void rejectLogin(ChannelHandlerContext ctx, String user, String method, String reason) {
    ExchangeContext ex = new ExchangeContext(services.newId(), services.newId(), AuthenticatedAgent.ANONYMOUS,
        startup.purpose(), services.pg().resource(), services.replyPartition());
    LOG.info("pg authentication failed requestId={} user={}", ex.requestId(), user);
    services.gate().record(services.events().authenticationFailed(ex, 0, method, startup.database(), reason))
        .whenCompleteAsync((ok, error) -> refuse(ctx, PgErrors.authenticationFailed(user)), ctx.executor());
  }

  private void begin(ChannelHandlerContext ctx, PgSession session, BackendSession backend) {
    Channel agent = ctx.channel();
    BackendKeyData agentKey = backend.key() == null ? null : services.cancelKeys().issue(backend.key());
    backend.channel().closeFuture().addListener(f -> services.cancelKeys().forget(agentKey));
    PgResultRelay relay = new PgResultRelay(agent, backend.channel(), services, session);
    backend.channel().pipeline().addLast("relay", relay);
    ctx.write(new AuthenticationOk());
    backend.parameters().forEach(ctx::write);
    if (agentKey != null) {
      ctx.write(agentKey);
    }
    ctx.writeAndFlush(backend.ready());
    LOG.info("pg session started sessionId={} agent={} resource={} database={}",
        session.sessionId(), session.agent().id(), session.resource(), session.database());
    PgSessionHandler handler = new PgSessionHandler(services, session, backend.channel(), relay);
    services.cancelKeys().onCancel(agentKey, handler::cancelHeld);
    ctx.pipeline().replace(this, "session", handler);
    relay.pump();
    agent.read();
  }

  private void refuse(ChannelHandlerContext ctx, ErrorResponse error) {
    busy = true;
    ctx.writeAndFlush(error).addListener(ChannelFutureListener.CLOSE);
  }
}
