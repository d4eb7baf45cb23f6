package dev.witness.proxy.pg;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.pg.PreparedStatements.Portal;
import dev.witness.proxy.pg.StageTimings.Stage;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gates an authenticated session's messages in order: each simple Query and each Execute is
 * recorded and forwarded only on ALLOW; everything else is forwarded as it comes. Statements an
 * agent pipelines are recorded at once and their verdicts awaited together, but every message is
 * applied strictly in the agent's order. A refused statement is replaced by a {@link RefusalProbe}
 * and the rest of its sequence up to Sync is skipped, as PostgreSQL does after any error, so the
 * session stays usable. The data of a COPY FROM STDIN goes through a {@link CopyInRecorder}.
 */
final class PgSessionHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PgSessionHandler.class);
  /** Messages taken in but not yet applied; beyond this the agent is not read. */
  private static final int MAX_STEPS = 1024;

  private final PgProxyServices services;
  private PgSession session;
  private final Channel backend;
  private final PgResultRelay relay;
  private final PreparedStatements prepared = new PreparedStatements();
  private final Deque<PgMessage> inbound = new ArrayDeque<>();
  /** What to do for each message taken in, in the agent's order; gated ones complete with their verdict. */
  private final Deque<CompletableFuture<Runnable>> steps = new ArrayDeque<>();
  /** Statements waiting for their verdict (perhaps held for approval); a cancel or a close withdraws them. */
  private final Set<String> awaitingVerdict = ConcurrentHashMap.newKeySet();
  /** Statements the agent cancelled (CancelRequest) while they waited: refused as cancelled (57014). */
  private final Set<String> cancelledByAgent = ConcurrentHashMap.newKeySet();
  private ChannelHandlerContext ctx;
  private boolean skippingToSync;
  private CopyInRecorder copyIn;

  PgSessionHandler(PgProxyServices services, PgSession session, Channel backend, PgResultRelay relay) {
    this.services = services;
    this.session = session;
    this.backend = backend;
    this.relay = relay;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.copyIn = new CopyInRecorder(services, relay, backend, session.sessionId(), steps::add, this::drain,
        ctx.executor());
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
    withdrawHeld("the agent's connection closed");
    cancelledByAgent.clear();
    relay.agentClosed();
    if (!session.joined()) {
      // A joined agent session goes on over the agent's other connections: keep its sequence.
      services.sequences().forget(session.sessionId());
    }
    LOG.info("pg session closed sessionId={} agent={}", session.sessionId(), session.agent().id());
    ctx.fireChannelInactive();
  }

  /** Withdraws the statements of this session held for an approval (any thread). */
  void withdrawHeld(String why) {
    for (String requestId : awaitingVerdict) {
      services.gate().withdraw(requestId, why);
    }
  }

  /**
   * The agent sent a CancelRequest (any thread): its held statements are withdrawn and, like
   * PostgreSQL's own cancelled statements, answered with {@code 57014 query_canceled}.
   */
  void cancelHeld() {
    cancelledByAgent.addAll(awaitingVerdict);
    withdrawHeld("the agent cancelled the statement");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("pg agent connection failed sessionId={} error={}", session.sessionId(), cause.toString());
    relay.fail(cause);
  }

  /** Takes in what was read, applies every step whose turn has come, and reads more when there is room. */
  void drain() {
    boolean progress = true;
    while (progress && ctx.channel().isActive()) {
      // Applying steps makes room to take more in, and taking in may complete steps: repeat until neither moves.
      progress = false;
      while (!inbound.isEmpty() && steps.size() < MAX_STEPS && copyIn.hasRoom()
          && ctx.channel().isActive()) {
        CompletableFuture<Runnable> step = intake(inbound.poll());
        if (step != null) {
          steps.add(step);
        }
        progress = true;
      }
      while (!steps.isEmpty() && steps.peek().isDone() && ctx.channel().isActive()) {
        steps.poll().join().run();
        progress = true;
      }
    }
    backend.flush();
    if (inbound.isEmpty() && steps.size() < MAX_STEPS && copyIn.hasRoom()
        && ctx.channel().isActive() && backend.isWritable()) {
      ctx.read();
    }
  }

  /**
   * Updates what the agent prepared (in its order) and returns what to do once it is this message's
   * turn; null when the message needs no step of its own (COPY data collected into a chunk).
   */
  private CompletableFuture<Runnable> intake(PgMessage m) {
    if (!(m instanceof CopyData || m instanceof CopyDone || m instanceof CopyFail)) {
      copyIn.otherMessage();
    }
    return switch (m) {
      case Query q -> gate(null, q.sql(), List.of(), null,
          e -> () -> apply(() -> forward(q, e), e.exchange), Expectation::query, true);
      case Parse p -> {
        prepared.parse(p);
        yield now(() -> apply(() -> forward(p, Expectation.parse(p.name())), null));
      }
      case Bind b -> {
        prepared.bind(b);
        yield now(() -> apply(() -> forward(b, Expectation.bind(b.portal(), b.statement(), b.resultFormats())), null));
      }
      case Describe d -> now(() -> apply(() -> forward(d, Expectation.describe(d.kind(), d.name())), null));
      case Close c -> {
        prepared.close(c);
        yield now(() -> apply(() -> forward(c, Expectation.close(c.kind(), c.name())), null));
      }
      case Execute e -> execute(e);
      case Sync s -> now(() -> {
        forward(s, Expectation.sync());
        skippingToSync = false;
      });
      case Flush f -> now(() -> apply(() -> backend.write(f), null));
      case CopyData d -> copyIn.data(d);
      case CopyDone d -> copyIn.end(d);
      case CopyFail f -> copyIn.end(f);
      case Terminate t -> now(() -> backend.writeAndFlush(t).addListener(f -> ctx.close()));
      // The legacy FunctionCall ('F') names a function by OID: nothing to record a statement from.
      case RawMessage r -> now(() -> refuse(PgErrors.notSupported("the function call protocol"), true));
      default -> now(() -> relay.fail(new PgProtocolException("unexpected " + m.getClass().getSimpleName())));
    };
  }

  private CompletableFuture<Runnable> execute(Execute e) {
    Portal portal = prepared.portal(e.portal());
    if (portal == null) {
      return now(() -> refuse(PgErrors.unknownPortal(e.portal()), false));
    }
    return gate(e.portal(), portal.query(), portal.parameters(), portal.statementName(),
        x -> () -> apply(() -> forward(e, x), x.exchange), ex -> Expectation.execute(e.portal(), ex), false);
  }

  /** An allowed step runs unless an earlier refusal of its sequence makes the backend skip it anyway. */
  private void apply(Runnable forward, ExchangeContext statement) {
    if (!skippingToSync) {
      forward.run();
    } else if (statement != null) {
      services.gate().record(services.events().resultChunk(statement, services.sequences().next(session.sessionId()),
          0, true, PgEventFactory.head(List.of(), null), new byte[0],
          "not executed: an earlier statement of its sequence was refused"));
    }
  }

  private static CompletableFuture<Runnable> now(Runnable action) {
    return CompletableFuture.completedFuture(action);
  }

  private CompletableFuture<Runnable> gate(String portal, String sql, List<String> parameters, String statementName,
      Function<Expectation, Runnable> allowed, Function<ExchangeContext, Expectation> expectation, boolean ownSequence) {
    long started = System.nanoTime();
    String stated = StartupParameters.purposeSetBy(sql);
    if (stated != null) {
      // The purpose stated this way holds from this statement on.
      session = session.withPurpose(stated);
    }
    SqlPrepareCommand command = parameters.isEmpty() ? SqlPrepareCommand.parse(sql) : null;
    String recorded = sql;
    List<String> recordedParameters = parameters;
    String recordedName = statementName;
    Runnable onCompleted = prepared.sqlTakenIn(sql, command);
    if (command instanceof SqlPrepareCommand.Execute e && prepared.sqlStatement(e.name()) != null) {
      // What runs is the prepared text with these arguments: record it like an extended-protocol Execute.
      recorded = prepared.sqlStatement(e.name());
      recordedParameters = e.arguments();
      recordedName = e.name();
    }
    ExchangeContext ex = session.exchange(services.newId());
    RequestIntercepted event = services.events().statement(ex, services.sequences().next(session.sessionId()),
        session.authMethod(), session.database(), recorded, recordedParameters, recordedName, session.toolCallId());
    LOG.debug("pg statement recorded requestId={} sessionId={} portal={}", ex.requestId(), session.sessionId(), portal);
    StageTimings timings = services.timings();
    AtomicLong recordedAt = new AtomicLong();
    CompletableFuture<Runnable> step = new CompletableFuture<>();
    awaitingVerdict.add(ex.requestId());
    services.gate().admit(event, () -> {
      recordedAt.set(System.nanoTime());
      timings.since(Stage.REQUEST_RECORDED, started);
    }).whenCompleteAsync((verdict, error) -> {
      awaitingVerdict.remove(ex.requestId());
      boolean cancelled = cancelledByAgent.remove(ex.requestId());
      if (error == null && recordedAt.get() != 0) {
        timings.since(Stage.VERDICT, recordedAt.get());
      }
      ErrorResponse refused = refusal(ex, verdict, error);
      // Refused because the agent withdrew it: say so as PostgreSQL says a cancelled statement.
      ErrorResponse refusal = refused != null && cancelled && error == null && verdict.getApprovalId() != null
          ? PgErrors.cancelled(verdict.getApprovalId()) : refused;
      if (refusal == null) {
        Expectation e = expectation.apply(ex);
        e.onCompleted = onCompleted;
        step.complete(allowed.apply(e));
      } else {
        step.complete(() -> refuse(refusal, ownSequence));
      }
      if (ctx.channel().isActive()) {
        drain();
      }
    }, ctx.executor());
    return step;
  }

  /** Null when the verdict allows the statement. */
  private ErrorResponse refusal(ExchangeContext ex, Verdict verdict, Throwable error) {
    if (error != null) {
      LOG.warn("pg statement not forwarded requestId={} sessionId={} resource={} error=\"{}\"",
          ex.requestId(), session.sessionId(), ex.resource(), error.getMessage());
      return PgErrors.toErrorResponse(error);
    }
    // Like the HTTP proxy: refusals at INFO, allowed statements (routine, and evidence anyway) at DEBUG.
    if (verdict.getDecision() != Decision.ALLOW) {
      LOG.info("pg verdict requestId={} sessionId={} agent={} resource={} decision={} rules={}", ex.requestId(),
          session.sessionId(), ex.agent().id(), ex.resource(), verdict.getDecision(), verdict.getRules());
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("pg verdict requestId={} sessionId={} agent={} resource={} decision={} rules={}", ex.requestId(),
          session.sessionId(), ex.agent().id(), ex.resource(), verdict.getDecision(), verdict.getRules());
    }
    return verdict.getDecision() == Decision.ALLOW ? null
        : PgErrors.toErrorResponse(new RequestDeniedException(verdict));
  }

  /**
   * Makes the backend fail the sequence in the refused statement's place (see {@link RefusalProbe}).
   * A simple Query is its own sequence, so Witness adds the Sync; an Execute's sequence ends at the
   * agent's Sync, and the agent's messages until then are skipped, as the backend would skip them.
   */
  private void refuse(ErrorResponse refusal, boolean ownSequence) {
    if (skippingToSync) {
      return; // an earlier refusal already failed this sequence; the backend would ignore this one
    }
    forward(RefusalProbe.PARSE, Expectation.refusal(refusal));
    if (ownSequence) {
      forward(new Sync(), Expectation.sync());
    } else {
      skippingToSync = true;
    }
  }

  private void forward(PgMessage m, Expectation expectation) {
    relay.expect(expectation);
    backend.write(m);
  }
}
