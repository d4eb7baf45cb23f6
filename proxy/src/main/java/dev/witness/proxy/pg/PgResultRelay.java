package dev.witness.proxy.pg;

import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.pg.Expectation.Kind;
import dev.witness.proxy.pg.ResultChunker.Cut;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;
import dev.witness.proxy.pg.message.ExtendedQueryMessages.Acknowledgement;
import dev.witness.proxy.pg.message.PgMessage;
import dev.witness.proxy.pg.message.RowMessages.CommandComplete;
import dev.witness.proxy.pg.message.RowMessages.DataRow;
import dev.witness.proxy.pg.message.RowMessages.RowDescription;
import dev.witness.proxy.pg.message.SessionMessages.ReadyForQuery;
import dev.witness.proxy.pg.message.SimpleQueryMessages.EmptyQueryResponse;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the backend's messages to the agent in order. Rows of a gated statement are cut into
 * chunks, each published as a ResponseChunk; the agent gets the MaskedChunk that comes back. While
 * a chunk waits for its masked form nothing else is relayed and the backend is not read.
 *
 * <p>Runs on the agent channel's event loop, which the backend channel shares.
 */
final class PgResultRelay extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PgResultRelay.class);

  private final Channel agent;
  private final Channel backend;
  private final PgProxyServices services;
  private final PgSession session;
  private final ExpectedResponses expected = new ExpectedResponses();
  private final Deque<PgMessage> queue = new ArrayDeque<>();
  private ResultChunker result;
  private Runnable backendWritable = () -> { };
  private boolean paused;
  private boolean closed;

  PgResultRelay(Channel agent, Channel backend, PgProxyServices services, PgSession session) {
    this.agent = agent;
    this.backend = backend;
    this.services = services;
    this.session = session;
  }

  /** Called, in forwarding order, for each message sent to the backend that it will answer. */
  void expect(Expectation expectation) {
    expected.add(expectation);
  }

  /** Told when the backend can take more after it could not: the agent may be read again. */
  void onBackendWritable(Runnable listener) {
    this.backendWritable = listener;
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      backendWritable.run();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    queue.add((PgMessage) msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    pump();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (!closed) {
      recordUnfinished("the database closed the connection");
      LOG.info("pg backend closed sessionId={}", session.sessionId());
      fail(new BackendUnavailableException("the database closed the connection", null, null));
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("pg backend connection failed sessionId={} error={}", session.sessionId(), cause.toString());
    fail(new BackendUnavailableException("the database connection failed: " + cause.getMessage(), null, cause));
  }

  /** The agent went away: stop relaying. */
  void agentClosed() {
    closed = true;
    backend.close();
  }

  /** The agent can take more: relay and read again. */
  void pump() {
    while (!paused && !closed && !queue.isEmpty()) {
      handle(queue.poll());
    }
    if (!paused && !closed) {
      agent.flush();
      if (agent.isWritable()) {
        backend.read();
      }
    }
  }

  private void handle(PgMessage m) {
    boolean row = m instanceof DataRow || m instanceof CopyData;
    if (!row && result != null && result.rowCount() > 0 && !ends(m)) {
      // Anything else between rows ends the chunk first, so the agent sees messages in order.
      publish(result.cut(false, null), () -> handle(m));
      return;
    }
    Expectation head = expected.head();
    switch (m) {
      case DataRow r -> addRow(head, r);
      case CopyData d -> addRow(head, d);
      case RowDescription rd -> {
        if (!expected.described(rd) && head != null && head.kind == Kind.QUERY) {
          result = new ResultChunker(head, ResultColumns.of(rd));
        }
        agent.write(rd);
      }
      case CommandComplete cc -> endResult(head, cc.tag(), null, cc);
      case EmptyQueryResponse e -> endResult(head, null, null, e);
      case ErrorResponse e -> onError(head, e);
      case Acknowledgement a -> onAcknowledgement(head, a);
      case ReadyForQuery r -> onReadyForQuery(r);
      default -> agent.write(m);
    }
  }

  private static boolean ends(PgMessage m) {
    return m instanceof CommandComplete || m instanceof EmptyQueryResponse || m instanceof ErrorResponse
        || (m instanceof Acknowledgement a && a.equals(Acknowledgement.PORTAL_SUSPENDED));
  }

  private void addRow(Expectation head, PgMessage row) {
    if (head == null || !head.producesResults()) {
      // Rows nobody asked for would reach the agent unrecorded: fail closed.
      fail(new WitnessUnavailableException(Stage.RESPONSE, "rows outside any recorded statement"));
      return;
    }
    if (result == null) {
      result = new ResultChunker(head, expected.columnsOf(head));
    }
    result.add(row);
    if (result.full(services.pg().maxRowsPerChunk(), services.pg().responseChunkBytes())) {
      publish(result.cut(false, null), null);
    }
  }

  private void onAcknowledgement(Expectation head, Acknowledgement a) {
    if (a.equals(Acknowledgement.PORTAL_SUSPENDED)) {
      endResult(head, null, null, a);
      return;
    }
    expected.acknowledged(a);
    agent.write(a);
  }

  private void onError(Expectation head, ErrorResponse e) {
    if (head != null && head.producesResults()) {
      endResult(head, null, e.sqlState() + ": " + e.message(), e);
    } else if (head != null && head.kind == Kind.REFUSAL) {
      // The backend failed the probe, as intended: the agent learns why Witness refused instead.
      agent.write(head.refusal);
    } else {
      agent.write(e);
    }
    expected.failed();
  }

  private void onReadyForQuery(ReadyForQuery r) {
    result = null;
    expected.ready();
    agent.write(r);
  }

  private void endResult(Expectation head, String tag, String error, PgMessage terminal) {
    if (head == null || !head.producesResults()) {
      agent.write(terminal);
      return;
    }
    ResultChunker ending = result != null ? result : new ResultChunker(head, expected.columnsOf(head));
    result = null;
    expected.executeFinished();
    Cut last = ending.cut(true, tag);
    if (last.rows() > 0) {
      publish(last, ending, error, () -> agent.write(terminal));
    } else {
      // No rows to mask: record the outcome without waiting, the agent gets the tag at once.
      record(last, ending, error);
      agent.write(terminal);
    }
  }

  private void publish(Cut cut, Runnable then) {
    publish(cut, result, null, then);
  }

  private void publish(Cut cut, ResultChunker of, String error, Runnable then) {
    ResponseChunk chunk = chunk(cut, of, error);
    paused = true;
    services.gate().mask(chunk).whenCompleteAsync((masked, failure) -> {
      if (closed) {
        return;
      }
      if (failure != null) {
        LOG.warn("pg result withheld requestId={} sessionId={} chunk={} error=\"{}\"",
            chunk.getRequestId(), session.sessionId(), cut.index(), failure.getMessage());
        fail(failure);
        return;
      }
      if (!relayMasked(masked, cut.rows())) {
        return;
      }
      paused = false;
      if (then != null) {
        then.run();
      }
      pump();
    }, agent.eventLoop());
  }

  private boolean relayMasked(MaskedChunk masked, int rows) {
    int count = WireRows.count(masked.getPayload());
    if (count != rows) {
      LOG.warn("pg masked chunk malformed requestId={} chunk={} rows={} maskedRows={}",
          masked.getRequestId(), masked.getChunkIndex(), rows, count);
      fail(new WitnessUnavailableException(Stage.RESPONSE, "the masked result does not match the original rows"));
      return false;
    }
    agent.write(Unpooled.wrappedBuffer(masked.getPayload()));
    return true;
  }

  private void record(Cut cut, ResultChunker of, String error) {
    ResponseChunk chunk = chunk(cut, of, error);
    services.gate().record(chunk).whenComplete((ok, failure) -> {
      if (failure != null) {
        LOG.warn("pg result outcome not recorded requestId={} sessionId={} error=\"{}\"",
            chunk.getRequestId(), session.sessionId(), failure.getMessage());
      }
    });
  }

  /** Every statement the backend will never finish gets a final chunk saying so (partial if rows came). */
  private void recordUnfinished(String error) {
    if (result != null) {
      record(result.cut(true, null), result, error + " mid-result");
    }
    for (Expectation e : expected.abandon()) {
      if (result == null || result.exchange != e.exchange) {
        ResultChunker none = new ResultChunker(e, List.of());
        record(none.cut(true, null), none, error + " before the statement finished");
      }
    }
    result = null;
  }

  private ResponseChunk chunk(Cut cut, ResultChunker of, String error) {
    return services.events().resultChunk(of.exchange, services.sequences().next(session.sessionId()),
        cut.index(), cut.last(), cut.head(), cut.payload(), error);
  }

  /** Tells the agent why and closes both sides; nothing more is relayed. */
  void fail(Throwable error) {
    if (closed) {
      return;
    }
    closed = true;
    ErrorResponse response = PgErrors.toErrorResponse(error);
    agent.writeAndFlush(response).addListener(f -> agent.close());
    backend.close();
  }
}
