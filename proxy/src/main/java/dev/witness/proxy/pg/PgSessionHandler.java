package dev.witness.proxy.pg;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.pg.PreparedStatements.Portal;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyDone;
import dev.witness.proxy.pg.message.CopyMessages.CopyFail;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Bind;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Close;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Describe;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Execute;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Flush;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Parse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Sync;
import dev.witness.proxy.pg.message.PgMessage;
import dev.witness.proxy.pg.message.PgProtocolException;
import dev.witness.proxy.pg.message.SessionMessages.RawMessage;
import dev.witness.proxy.pg.message.SessionMessages.Terminate;
import dev.witness.proxy.pg.message.SimpleQueryMessages.Query;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gates an authenticated session's messages in order: each simple Query and each Execute is
 * recorded and forwarded only on ALLOW; everything else is forwarded as it comes. A refused
 * statement gets an ErrorResponse just before the ReadyForQuery of its sequence (extended
 * protocol: the rest up to Sync is skipped, as PostgreSQL itself does after an error), so the
 * session stays usable.
 */
final class PgSessionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PgSessionHandler.class);

  private final PgProxyServices services;
  private PgSession session;
  private final Channel backend;
  private final PgResultRelay relay;
  private final PreparedStatements prepared = new PreparedStatements();
  private final Deque<PgMessage> inbound = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private boolean awaitingVerdict;
  private ErrorResponse skippingToSync;

  PgSessionHandler(PgProxyServices services, PgSession session, Channel backend, PgResultRelay relay) {
    this.services = services;
    this.session = session;
    this.backend = backend;
    this.relay = relay;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    relay.onBackendWritable(this::drain);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    inbound.add((PgMessage) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    drain();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      relay.pump();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    relay.agentClosed();
    services.sequences().forget(session.sessionId());
    LOG.info("pg session closed sessionId={} agent={}", session.sessionId(), session.agent().id());
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("pg agent connection failed sessionId={} error={}", session.sessionId(), cause.toString());
    relay.fail(cause);
  }

  /** Handles queued messages until one waits for a verdict; reads more when all are done. */
  void drain() {
    while (!awaitingVerdict && !inbound.isEmpty() && ctx.channel().isActive()) {
      handle(inbound.poll());
    }
    backend.flush();
    if (!awaitingVerdict && ctx.channel().isActive() && backend.isWritable()) {
      ctx.read();
    }
  }

  private void handle(PgMessage m) {
    if (skippingToSync != null && !(m instanceof Sync) && !(m instanceof Terminate)) {
      return;
    }
    switch (m) {
      case Query q -> gate(null, q.sql(), List.of(), null, ex -> forward(q, Expectation.query(ex)),
          this::refuseNow);
      case Parse p -> {
        prepared.parse(p);
        forward(p, Expectation.parse(p.name()));
      }
      case Bind b -> {
        prepared.bind(b);
        forward(b, Expectation.bind(b.portal(), b.statement(), b.resultFormats()));
      }
      case Describe d -> forward(d, Expectation.describe(d.kind(), d.name()));
      case Close c -> {
        prepared.close(c);
        forward(c, Expectation.close(c.kind(), c.name()));
      }
      case Execute e -> execute(e);
      case Sync s -> {
        forward(s, Expectation.sync(skippingToSync));
        skippingToSync = null;
      }
      case Flush f -> backend.write(f);
      case CopyData d -> backend.write(d);
      case CopyDone d -> backend.write(d);
      case CopyFail f -> backend.write(f);
      case Terminate t -> backend.writeAndFlush(t).addListener(f -> ctx.close());
      case RawMessage r -> refuseNow(PgErrors.notSupported("the function call protocol"));
      default -> relay.fail(new PgProtocolException("unexpected " + m.getClass().getSimpleName() + " in a session"));
    }
  }

  private void execute(Execute e) {
    Portal portal = prepared.portal(e.portal());
    if (portal == null) {
      skippingToSync = PgErrors.unknownPortal(e.portal());
      return;
    }
    gate(e.portal(), portal.query(), portal.parameters(), portal.statementName(),
        ex -> forward(e, Expectation.execute(e.portal(), ex)), refusal -> skippingToSync = refusal);
  }

  private void gate(String portal, String sql, List<String> parameters, String statementName,
      Consumer<ExchangeContext> allow, Consumer<ErrorResponse> refuse) {
    String stated = StartupParameters.purposeSetBy(sql);
    if (stated != null) {
      // The purpose stated this way holds from this statement on.
      session = session.withPurpose(stated);
    }
    ExchangeContext ex = session.exchange(services.newId());
    RequestIntercepted event = services.events().statement(ex, services.sequences().next(session.sessionId()),
        session.authMethod(), session.database(), sql, parameters, statementName);
    LOG.debug("pg statement recorded requestId={} sessionId={} portal={}", ex.requestId(), session.sessionId(), portal);
    awaitingVerdict = true;
    backend.flush();
    services.gate().admit(event).whenCompleteAsync((verdict, error) -> {
      awaitingVerdict = false;
      if (!ctx.channel().isActive()) {
        return;
      }
      onVerdict(ex, verdict, error, allow, refuse);
      drain();
    }, ctx.executor());
  }

  private void onVerdict(ExchangeContext ex, Verdict verdict, Throwable error,
      Consumer<ExchangeContext> allow, Consumer<ErrorResponse> refuse) {
    if (error != null) {
      LOG.warn("pg statement not forwarded requestId={} sessionId={} resource={} error=\"{}\"",
          ex.requestId(), session.sessionId(), ex.resource(), error.getMessage());
      refuse.accept(PgErrors.toErrorResponse(error));
      return;
    }
    LOG.info("pg verdict requestId={} sessionId={} agent={} resource={} decision={} rules={}", ex.requestId(),
        session.sessionId(), ex.agent().id(), ex.resource(), verdict.getDecision(), verdict.getRules());
    if (verdict.getDecision() != Decision.ALLOW) {
      refuse.accept(PgErrors.toErrorResponse(new RequestDeniedException(verdict)));
      return;
    }
    allow.accept(ex);
  }

  /** Outside an extended sequence: a Sync makes the backend answer with the ReadyForQuery the refusal precedes. */
  private void refuseNow(ErrorResponse refusal) {
    forward(new Sync(), Expectation.sync(refusal));
  }

  private void forward(PgMessage m, Expectation expectation) {
    relay.expect(expectation);
    backend.write(m);
  }
}
