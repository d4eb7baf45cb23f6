package dev.witness.proxy.pg;

import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.pg.Expectation.Kind;
import dev.witness.proxy.pg.ResultChunker.Cut;
import dev.witness.proxy.pg.StageTimings.Stage;
import dev.witness.proxy.pg.message.BackendMessageType;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyResponse;
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
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays the backend's messages to the agent in order. Rows of a gated statement are cut into
 * chunks, each published as a ResponseChunk; the agent gets the MaskedChunk that comes back. A
 * result without rows (a command tag or an error) is published too, and the agent gets it once the
 * record is acknowledged. Writes to the agent are applied strictly in the backend's order, each
 * waiting for the record before it; up to {@link #MAX_CHUNKS_IN_FLIGHT} chunks with rows (and
 * {@link #MAX_OUTCOMES_IN_FLIGHT} small outcomes) may be on their way at once, beyond that (or
 * while the agent cannot take more) the backend is not read.
 *
 * <p>Runs on the agent channel's event loop, which the backend channel shares.
 */
final class PgResultRelay extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(PgResultRelay.class);
  /** Result chunks with rows awaiting their masked form; beyond this the backend is not read (bounded memory). */
  static final int MAX_CHUNKS_IN_FLIGHT = 4;
  /** Row-less outcomes (a tag or an error, a few hundred bytes) awaiting acknowledgement, e.g. of a pipelined batch. */
  static final int MAX_OUTCOMES_IN_FLIGHT = 256;
  /** Agent writes waiting behind records, beyond which the backend is not read either. */
  private static final int MAX_OUTBOUND = 1024;

  /** One write to the agent, in order; a record's completes when its reply or acknowledgement came. */
  private record Pending(CompletableFuture<Runnable> action, Waits waits) {}

  private enum Waits { NOTHING, MASKED_CHUNK, ACKNOWLEDGEMENT }

  private final Channel agent;
  private final Channel backend;
  private final PgProxyServices services;
  private final PgSession session;
  private final ExpectedResponses expected = new ExpectedResponses();
  private final Deque<PgMessage> queue = new ArrayDeque<>();
  private final Deque<Pending> outbound = new ArrayDeque<>();
  private ResultChunker result;
  private Expectation copyIn;
  private Runnable backendWritable = () -> { };
  private int chunksInFlight;
  private int outcomesInFlight;
  private boolean closed;

  PgResultRelay(Channel agent, Channel backend, PgProxyServices services, PgSession session) {
    this.agent = agent;
    this.backend = backend;
    this.services = services;
    this.session = session;
  }

  /** Called, in forwarding order, for each message sent to the backend that it will answer. */
  void expect(Expectation expectation) {
    if (expectation.producesResults()) {
      expectation.forwardedNanos = System.nanoTime();
    }
    expected.add(expectation);
  }

  /** Told when the backend can take more after it could not: the agent may be read again. */
  void onBackendWritable(Runnable listener) {
    this.backendWritable = listener;
  }

  /** The statement whose COPY FROM STDIN the backend is waiting for data of, or null. */
  Expectation copyInTarget() {
    return copyIn;
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

  /** Relays what can go, and reads the backend again when the agent and the records in flight leave room. */
  void pump() {
    while (!closed && !queue.isEmpty() && hasRoom()) {
      handle(queue.poll());
    }
    while (!closed && !outbound.isEmpty() && outbound.peek().action().isDone()) {
      Pending p = outbound.poll();
      if (p.waits() == Waits.MASKED_CHUNK) {
        chunksInFlight--;
      } else if (p.waits() == Waits.ACKNOWLEDGEMENT) {
        outcomesInFlight--;
      }
      p.action().join().run();
    }
    if (!closed) {
      agent.flush();
      if (queue.isEmpty() && hasRoom() && agent.isWritable()) {
        backend.read();
      }
    }
  }

  private boolean hasRoom() {
    return chunksInFlight < MAX_CHUNKS_IN_FLIGHT && outcomesInFlight < MAX_OUTCOMES_IN_FLIGHT
        && outbound.size() < MAX_OUTBOUND;
  }

  private void handle(PgMessage m) {
    boolean row = m instanceof DataRow || m instanceof CopyData;
    if (!row && result != null && result.rowCount() > 0 && !ends(m)) {
      // Anything else between rows ends the chunk first, so the agent sees messages in order.
      publish(result.cut(false, null), result, null, null);
    }
    Expectation head = expected.head();
    switch (m) {
      case DataRow r -> addRow(head, r);
      case CopyData d -> addRow(head, d);
      case RowDescription rd -> {
        if (!expected.described(rd) && head != null && head.kind == Kind.QUERY) {
          result = new ResultChunker(head, ResultColumns.of(rd));
        }
        write(rd);
      }
      case CopyResponse c -> {
        if (c.kind() == BackendMessageType.COPY_IN_RESPONSE && head != null && head.producesResults()) {
          copyIn = head;
        }
        write(c);
      }
      case CommandComplete cc -> endResult(head, cc.tag(), null, cc);
      case EmptyQueryResponse e -> endResult(head, null, null, e);
      case ErrorResponse e -> onError(head, e);
      case Acknowledgement a -> onAcknowledgement(head, a);
      case ReadyForQuery r -> onReadyForQuery(r);
      default -> write(m);
    }
  }

  private static boolean ends(PgMessage m) {
    return m instanceof CommandComplete || m instanceof EmptyQueryResponse || m instanceof ErrorResponse
        || (m instanceof Acknowledgement a && a.equals(Acknowledgement.PORTAL_SUSPENDED));
  }

  /** Writes now, or after the records ahead of it when there are any. */
  private void write(PgMessage m) {
    if (outbound.isEmpty()) {
      agent.write(m);
    } else {
      outbound.add(new Pending(CompletableFuture.completedFuture(() -> agent.write(m)), Waits.NOTHING));
    }
  }

  private void addRow(Expectation head, PgMessage row) {
    if (head == null || !head.producesResults()) {
      // Rows nobody asked for would reach the agent unrecorded: fail closed.
      fail(new WitnessUnavailableException(WitnessUnavailableException.Stage.RESPONSE,
          "rows outside any recorded statement"));
      return;
    }
    if (result == null) {
      result = new ResultChunker(head, expected.columnsOf(head));
    }
    result.add(row);
    if (result.full(services.pg().maxRowsPerChunk(), services.pg().responseChunkBytes())) {
      publish(result.cut(false, null), result, null, null);
    }
  }

  private void onAcknowledgement(Expectation head, Acknowledgement a) {
    if (a.equals(Acknowledgement.PORTAL_SUSPENDED)) {
      endResult(head, null, null, a);
      return;
    }
    expected.acknowledged(a);
    write(a);
  }

  private void onError(Expectation head, ErrorResponse e) {
    if (head != null && head.producesResults()) {
      endResult(head, null, e.sqlState() + ": " + e.message(), head.replacedError != null ? head.replacedError : e);
    } else if (head != null && head.kind == Kind.REFUSAL) {
      // The backend failed the probe, as intended: the agent learns why Witness refused instead.
      write(head.refusal);
    } else {
      write(e);
    }
    expected.failed();
  }

  private void onReadyForQuery(ReadyForQuery r) {
    result = null;
    copyIn = null;
    expected.ready();
    write(r);
  }

  private void endResult(Expectation head, String tag, String error, PgMessage terminal) {
    if (head == null || !head.producesResults()) {
      write(terminal);
      return;
    }
    if (head.forwardedNanos != 0) {
      services.timings().since(Stage.BACKEND, head.forwardedNanos);
      head.forwardedNanos = 0;
    }
    if (tag != null && error == null && head.onCompleted != null) {
      head.onCompleted.run();
    }
    if (copyIn == head) {
      copyIn = null;
    }
    ResultChunker ending = result != null ? result : new ResultChunker(head, expected.columnsOf(head));
    result = null;
    expected.executeFinished();
    Cut last = ending.cut(true, tag);
    if (last.rows() > 0) {
      publish(last, ending, error, terminal);
    } else {
      recordOutcome(last, ending, error, terminal);
    }
  }

  /** Publishes rows; the agent gets their masked form, then {@code terminal} if any. */
  private void publish(Cut cut, ResultChunker of, String error, PgMessage terminal) {
    ResponseChunk chunk = chunk(cut, of, error);
    long started = System.nanoTime();
    enqueue(Waits.MASKED_CHUNK, services.gate().mask(chunk).handle((masked, failure) -> {
      if (failure != null) {
        return () -> {
          LOG.warn("pg result withheld requestId={} sessionId={} chunk={} error=\"{}\"",
              chunk.getRequestId(), session.sessionId(), cut.index(), failure.getMessage());
          fail(failure);
        };
      }
      services.timings().since(Stage.MASKED_CHUNK, started);
      return () -> {
        if (relayMasked(masked, cut.rows()) && terminal != null) {
          agent.write(terminal);
        }
      };
    }));
  }

  /** Publishes an outcome without rows (tag or error); the agent gets {@code terminal} once it is acknowledged. */
  private void recordOutcome(Cut cut, ResultChunker of, String error, PgMessage terminal) {
    ResponseChunk chunk = chunk(cut, of, error);
    long started = System.nanoTime();
    enqueue(Waits.ACKNOWLEDGEMENT, services.gate().record(chunk).handle((ok, failure) -> {
      if (failure != null) {
        return () -> {
          LOG.warn("pg result outcome not recorded requestId={} sessionId={} error=\"{}\"",
              chunk.getRequestId(), session.sessionId(), WitnessGate.unwrap(failure).toString());
          fail(new WitnessUnavailableException(WitnessUnavailableException.Stage.RESPONSE,
              "the statement's outcome could not be recorded", WitnessGate.unwrap(failure)));
        };
      }
      services.timings().since(Stage.OUTCOME_RECORDED, started);
      return () -> agent.write(terminal);
    }));
  }

  private void enqueue(Waits waits, CompletableFuture<Runnable> record) {
    outbound.add(new Pending(record, waits));
    if (waits == Waits.MASKED_CHUNK) {
      chunksInFlight++;
    } else {
      outcomesInFlight++;
    }
    record.whenCompleteAsync((action, error) -> {
      if (!closed) {
        pump();
      }
    }, agent.eventLoop());
  }

  private boolean relayMasked(MaskedChunk masked, int rows) {
    int count = WireRows.count(masked.getPayload());
    if (count != rows && masked.getError() != null) {
      // Withheld by the masking topology: its reason (no payload in it) tells the agent why.
      fail(new WitnessUnavailableException(WitnessUnavailableException.Stage.RESPONSE, masked.getError().toString()));
      return false;
    }
    if (count != rows) {
      LOG.warn("pg masked chunk malformed requestId={} chunk={} rows={} maskedRows={}",
          masked.getRequestId(), masked.getChunkIndex(), rows, count);
      fail(new WitnessUnavailableException(WitnessUnavailableException.Stage.RESPONSE,
          "the masked result does not match the original rows"));
      return false;
    }
    agent.write(Unpooled.wrappedBuffer(masked.getPayload()));
    return true;
  }

  /** Records without waiting: the agent is gone or about to be told the session failed. */
  private void recordNow(Cut cut, ResultChunker of, String error) {
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
      recordNow(result.cut(true, null), result, error + " mid-result");
    }
    for (Expectation e : expected.abandon()) {
      if (result == null || result.exchange != e.exchange) {
        ResultChunker none = new ResultChunker(e, List.of());
        recordNow(none.cut(true, null), none, error + " before the statement finished");
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
