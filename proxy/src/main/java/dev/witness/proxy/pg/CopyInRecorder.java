package dev.witness.proxy.pg;

import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.pg.StageTimings.Stage;
import dev.witness.proxy.pg.message.CopyMessages.CopyData;
import dev.witness.proxy.pg.message.CopyMessages.CopyDone;
import dev.witness.proxy.pg.message.CopyMessages.CopyFail;
import dev.witness.proxy.pg.message.PgMessage;
import dev.witness.proxy.pg.message.PgMessageEncoder;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the data an agent sends for COPY FROM STDIN before it reaches the database: CopyData
 * messages are collected into chunks of the COPY statement (at most {@code responseChunkBytes}
 * each), and a chunk's data is forwarded only once its masked form came back. If a chunk cannot be
 * recorded the COPY is aborted with CopyFail (the backend stores none of it) and the agent gets
 * {@link PgErrors#copyNotRecorded} in place of the backend's error.
 *
 * <p>Runs on the session's event loop; forwarding goes through the session's ordered steps.
 */
final class CopyInRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(CopyInRecorder.class);
  /** Chunks awaiting their record; beyond this the agent is not read. */
  static final int MAX_CHUNKS_IN_FLIGHT = 4;

  /** The agent's data for one COPY: what is collected but not yet recorded, and whether it was aborted. */
  private static final class CopyIn {
    final Expectation statement;
    final List<CopyData> pending = new ArrayList<>();
    int pendingBytes;
    boolean first = true;
    boolean aborted;

    CopyIn(Expectation statement) {
      this.statement = statement;
    }
  }

  private final PgProxyServices services;
  private final PgResultRelay relay;
  private final Channel backend;
  private final String sessionId;
  private final Consumer<CompletableFuture<Runnable>> steps;
  private final Runnable drain;
  private final EventExecutor executor;
  private CopyIn copy;
  private int chunksInFlight;

  /**
   * @param steps appends a step to the session's ordered steps
   * @param drain lets the session apply steps and read again
   */
  CopyInRecorder(PgProxyServices services, PgResultRelay relay, Channel backend, String sessionId,
      Consumer<CompletableFuture<Runnable>> steps, Runnable drain, EventExecutor executor) {
    this.services = services;
    this.relay = relay;
    this.backend = backend;
    this.sessionId = sessionId;
    this.steps = steps;
    this.drain = drain;
    this.executor = executor;
  }

  /** Whether the agent may be read: fewer than {@link #MAX_CHUNKS_IN_FLIGHT} chunks await their record. */
  boolean hasRoom() {
    return chunksInFlight < MAX_CHUNKS_IN_FLIGHT;
  }

  /** Any other message from the agent: a COPY still open here ended on the backend's side (e.g. an error). */
  void otherMessage() {
    copy = null;
  }

  /**
   * Collects the agent's COPY data; a full chunk is recorded and forwarded once its masked form
   * came back. Returns null: the data has no step of its own, it goes with its chunk's.
   */
  CompletableFuture<Runnable> data(CopyData d) {
    if (copy == null) {
      Expectation target = relay.copyInTarget();
      if (target == null) {
        // No COPY FROM STDIN is running: the backend would ignore it, so it is not forwarded either.
        LOG.debug("pg stray copy data dropped sessionId={}", sessionId);
        return null;
      }
      copy = new CopyIn(target);
    }
    if (copy.aborted) {
      return null; // the backend already failed this COPY and drops what follows
    }
    int chunkBytes = services.pg().responseChunkBytes();
    int max = Math.max(1, chunkBytes - 5);
    byte[] data = d.data();
    int from = 0;
    do {
      // A CopyData may be cut anywhere, so every record stays within the chunk size.
      int length = Math.min(max, data.length - from);
      byte[] piece = length == data.length ? data : Arrays.copyOfRange(data, from, from + length);
      if (!copy.pending.isEmpty() && copy.pendingBytes + length + 5 > chunkBytes) {
        steps.accept(recordCopy(copy));
      }
      copy.pending.add(new CopyData(piece));
      copy.pendingBytes += length + 5;
      from += length;
    } while (from < data.length);
    return null; // forwarded by the step of the chunk it ends up in
  }

  /** CopyDone records what is left first; CopyFail drops it (nothing of it will be stored). */
  CompletableFuture<Runnable> end(PgMessage end) {
    CopyIn ending = copy;
    copy = null;
    if (ending == null) {
      return CompletableFuture.completedFuture(() -> {
        if (relay.copyInTarget() != null) {
          backend.write(end);
        }
      });
    }
    if (end instanceof CopyDone && !ending.pending.isEmpty()) {
      steps.accept(recordCopy(ending));
    }
    return CompletableFuture.completedFuture(() -> {
      if (!ending.aborted) {
        backend.write(end);
      }
    });
  }

  /** Publishes the collected data as the next chunk of the COPY statement; forwards it when masked. */
  private CompletableFuture<Runnable> recordCopy(CopyIn c) {
    List<CopyData> batch = List.copyOf(c.pending);
    c.pending.clear();
    ByteBuf payload = Unpooled.buffer(c.pendingBytes);
    c.pendingBytes = 0;
    batch.forEach(d -> PgMessageEncoder.write(d, payload));
    byte[] bytes = new byte[payload.readableBytes()];
    payload.readBytes(bytes);
    payload.release();
    ExchangeContext ex = c.statement.exchange;
    ResponseChunk chunk = services.events().copyInChunk(ex, services.sequences().next(sessionId),
        c.statement.nextChunk++, c.first, bytes);
    c.first = false;
    chunksInFlight++;
    long started = System.nanoTime();
    CompletableFuture<Runnable> step = new CompletableFuture<>();
    services.gate().mask(chunk).whenCompleteAsync((masked, failure) -> {
      chunksInFlight--;
      Throwable error = failure != null ? failure : incomplete(masked, batch.size());
      if (error == null) {
        services.timings().since(Stage.COPY_IN_RECORDED, started);
        step.complete(() -> {
          if (!c.aborted) {
            batch.forEach(backend::write);
          }
        });
      } else {
        LOG.warn("pg copy data not recorded, copy aborted requestId={} sessionId={} chunk={} error=\"{}\"",
            ex.requestId(), sessionId, chunk.getChunkIndex(), WitnessGate.unwrap(error).getMessage());
        step.complete(() -> abortCopy(c, error));
      }
      drain.run();
    }, executor);
    return step;
  }

  /**
   * The masked form is the evidence: if it was withheld or lost messages, the data is not recorded
   * and must not reach the database.
   */
  private static Throwable incomplete(MaskedChunk masked, int messages) {
    if (masked.getError() != null || WireRows.count(masked.getPayload()) != messages) {
      return new WitnessUnavailableException(WitnessUnavailableException.Stage.REQUEST,
          "the recorded COPY data is incomplete");
    }
    return null;
  }

  /** Fails the COPY on the backend (nothing of it is stored) and tells the agent why in place of the backend's error. */
  private void abortCopy(CopyIn c, Throwable error) {
    if (c.aborted) {
      return;
    }
    c.aborted = true;
    c.statement.replacedError = PgErrors.copyNotRecorded(WitnessGate.unwrap(error));
    backend.write(new CopyFail("Witness cannot record the COPY data"));
  }
}
