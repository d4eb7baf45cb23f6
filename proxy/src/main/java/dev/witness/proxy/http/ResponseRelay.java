package dev.witness.proxy.http;

import dev.witness.proxy.WitnessUnavailableException;
import dev.witness.proxy.WitnessUnavailableException.Stage;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.schemas.event.HttpResponseHead;
import dev.witness.schemas.event.MaskedChunk;
import dev.witness.schemas.event.Protocol;
import dev.witness.schemas.event.ResponseChunk;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one upstream response to the agent in recorded, masked chunks: cut at most
 * {@code responseChunkBytes}, publish each as a ResponseChunk, write the MaskedChunk that comes
 * back. One chunk is in flight at a time and the upstream is read again only once the previous
 * masked chunk was written, so memory stays at about one chunk plus one socket read.
 *
 * <p>A {@code text/event-stream} response (SSE: MCP results, OpenAI streaming) is cut at event
 * boundaries instead: each chunk holds the complete events read so far (at most
 * {@code responseChunkBytes}, an over-long event is cut there), so an event is recorded, masked and
 * passed on as soon as it is complete rather than when a chunk fills.
 *
 * <p>Runs on the agent channel's event loop, which the upstream channel shares.
 */
final class ResponseRelay implements UpstreamHandler.Listener {

  private static final Logger LOG = LoggerFactory.getLogger(ResponseRelay.class);

  /** Told once when the exchange is over and the agent may send the next request. */
  interface Done {
    void relayed(boolean upstreamReusable);
  }

  /** Asks the verdict topology which of the listed tools the agent may not see. */
  interface HiddenTools {
    java.util.concurrent.CompletionStage<java.util.List<String>> of(java.util.List<String> listed);
  }

  private final ChannelHandlerContext agent;
  private final Channel upstream;
  private final ExchangeContext exchange;
  private final HttpProxyServices services;
  private final HeaderRedactor redactor;
  private final Protocol protocol;
  private final Done done;
  private final CompositeByteBuf buffer;

  private HttpResponseHead rawHead;
  private String contentType;
  private boolean eventStream;
  private boolean lineDelimited;
  private boolean upstreamKeepAlive;
  private boolean upstreamDone;
  private String upstreamError;
  private int nextChunk;
  private boolean inFlight;
  private boolean headersSent;
  private boolean finished;
  /** Set for the response of a tools/list: it is read whole and filtered before it is recorded. */
  private HiddenTools toolFilter;

  ResponseRelay(ChannelHandlerContext agent, Channel upstream, ExchangeContext exchange,
      HttpProxyServices services, RouteTarget route, Done done) {
    this.agent = agent;
    this.upstream = upstream;
    this.exchange = exchange;
    this.services = services;
    this.redactor = route.redactor();
    this.protocol = route.protocol();
    this.done = done;
    this.buffer = agent.alloc().compositeBuffer();
  }

  /**
   * Cuts the response after each line instead of at {@code responseChunkBytes}: Kubernetes watch
   * streams (one JSON event per line) and followed logs are recorded, masked and passed on line by
   * line as they arrive.
   */
  ResponseRelay lineByLine() {
    lineDelimited = true;
    return this;
  }

  @Override
  public void onResponseHead(HttpResponse head) {
    if (finished) {
      return;
    }
    rawHead = services.events().responseHead(head.status().code(), head.headers(), redactor);
    contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE);
    eventStream = SseEvents.isEventStream(contentType);
    upstreamKeepAlive = HttpUtil.isKeepAlive(head);
  }

  @Override
  public void onResponseContent(HttpContent content) {
    try {
      if (finished) {
        return;
      }
      buffer.addComponent(true, content.content().retain());
      if (content instanceof LastHttpContent) {
        upstreamDone = true;
        if (!content.decoderResult().isSuccess()) {
          upstreamError = "upstream response truncated or malformed";
          upstreamKeepAlive = false;
        }
      }
    } finally {
      content.release();
    }
    pump();
  }

  @Override
  public void onUpstreamReadComplete() {
    requestMore();
  }

  @Override
  public void onUpstreamClosed() {
    upstreamEnded("upstream closed the connection " + (rawHead == null ? "before responding" : "mid-response"));
  }

  @Override
  public void onUpstreamFailure(Throwable cause) {
    upstreamEnded("upstream failed: " + cause.getClass().getSimpleName());
  }

  /**
   * Makes this the relay of an MCP {@code tools/list} response: the whole response (at most
   * {@code maxBodyBytes}) is read, the tools the policy hides are removed, and only then is it cut,
   * recorded, masked and sent. Called before the upstream is read.
   */
  void filterToolList(HiddenTools hiddenTools) {
    this.toolFilter = hiddenTools;
  }

  /** The agent went away: drop everything. */
  void abort() {
    if (!finished) {
      end();
      upstream.close();
    }
  }

  private void upstreamEnded(String error) {
    if (finished || upstreamDone) {
      return;
    }
    upstreamDone = true;
    upstreamError = error;
    upstreamKeepAlive = false;
    pump();
  }

  /** Reads more from the upstream only when nothing waits for masking and a chunk is not full. */
  private void requestMore() {
    if (!finished && !inFlight && !upstreamDone
        && (buffer.readableBytes() < services.chunkBytes() || toolFilter != null)) {
      upstream.read();
    }
  }

  private void pump() {
    if (finished || inFlight) {
      return;
    }
    if (rawHead == null) {
      if (upstreamDone) {
        failBeforeHead();
      }
      return;
    }
    if (toolFilter != null) {
      filterToolList();
      return;
    }
    int readable = buffer.readableBytes();
    int size;
    if (eventStream && readable < services.chunkBytes() && !upstreamDone) {
      size = SseEvents.completeEventsLength(buffer, readable);
      if (size == 0) {
        return;
      }
    } else if (lineDelimited && firstLineLength(readable) > 0) {
      size = firstLineLength(readable);
    } else if (readable < services.chunkBytes() && !upstreamDone) {
      return;
    } else {
      size = Math.min(readable, services.chunkBytes());
    }
    boolean last = upstreamDone && size == readable;
    byte[] payload = new byte[size];
    buffer.readBytes(payload);
    buffer.discardReadComponents();
    int index = nextChunk++;
    ResponseChunk chunk = services.events().responseChunk(exchange, services.sequences().next(exchange.sessionId()),
        index, last, index == 0 ? rawHead : null, contentType, payload, last ? upstreamError : null, protocol);
    inFlight = true;
    services.gate().mask(chunk)
        .whenCompleteAsync((masked, error) -> onMasked(masked, error, last), agent.executor());
  }

  /** Length of the first complete line (with its LF) within the chunk size, or 0. */
  private int firstLineLength(int readable) {
    int newline = buffer.indexOf(buffer.readerIndex(), buffer.readerIndex() + Math.min(readable, services.chunkBytes()),
        (byte) '\n');
    return newline < 0 ? 0 : newline - buffer.readerIndex() + 1;
  }

  private void filterToolList() {
    if (!upstreamDone) {
      if (buffer.readableBytes() > services.maxBodyBytes()) {
        fail(new WitnessUnavailableException(Stage.RESPONSE, "the tools/list result is larger than maxBodyBytes"));
      }
      return;
    }
    byte[] body = new byte[buffer.readableBytes()];
    buffer.getBytes(buffer.readerIndex(), body);
    java.util.List<String> listed = dev.witness.proxy.http.mcp.McpToolList.names(body, eventStream);
    HiddenTools hiddenTools = toolFilter;
    toolFilter = null;
    if (listed.isEmpty()) {
      pump();
      return;
    }
    inFlight = true;
    hiddenTools.of(listed).whenCompleteAsync((hidden, error) -> {
      if (finished) {
        return;
      }
      inFlight = false;
      if (error != null) {
        fail(error);
        return;
      }
      byte[] filtered = dev.witness.proxy.http.mcp.McpToolList.without(body, eventStream, hidden);
      if (filtered != body) {
        buffer.skipBytes(buffer.readableBytes());
        buffer.discardReadComponents();
        buffer.addComponent(true, Unpooled.wrappedBuffer(filtered));
        LOG.info("mcp tools hidden requestId={} resource={} hidden={}", exchange.requestId(), exchange.resource(), hidden);
      }
      pump();
    }, agent.executor());
  }

  private void onMasked(MaskedChunk masked, Throwable error, boolean last) {
    if (finished) {
      return;
    }
    if (error == null && masked.getError() != null) {
      // The masking topology's reason (e.g. strict mode, an undecryptable raw chunk) names no payload.
      error = new WitnessUnavailableException(Stage.RESPONSE, "masking failed: " + masked.getError());
    }
    if (error != null) {
      fail(error);
      return;
    }
    if (!headersSent) {
      HttpResponseHead head = masked.getHead() instanceof HttpResponseHead h ? h : rawHead;
      agent.write(Forwarding.agentResponseHead(head));
      headersSent = true;
    }
    // A truncated upstream response must not look complete: no terminating chunk, close instead.
    boolean truncated = last && upstreamError != null;
    HttpContent content = last && !truncated
        ? new DefaultLastHttpContent(Unpooled.wrappedBuffer(masked.getPayload()))
        : new DefaultHttpContent(Unpooled.wrappedBuffer(masked.getPayload()));
    agent.writeAndFlush(content).addListener((ChannelFutureListener) f -> {
      if (finished) {
        return;
      }
      if (!f.isSuccess()) {
        abort();
        return;
      }
      inFlight = false;
      if (truncated) {
        LOG.warn("http response truncated requestId={} resource={} error=\"{}\"",
            exchange.requestId(), exchange.resource(), upstreamError);
        end();
        agent.close();
      } else if (last) {
        LOG.debug("http response relayed requestId={} chunks={}", exchange.requestId(), nextChunk);
        end();
        done.relayed(upstreamKeepAlive);
      } else {
        pump();
        requestMore();
      }
    });
  }

  private void fail(Throwable error) {
    boolean started = headersSent;
    end();
    upstream.close();
    if (started) {
      // Status and headers are out; the only honest signal left is a cut connection.
      LOG.warn("http response aborted requestId={} chunk={} error=\"{}\"",
          exchange.requestId(), nextChunk - 1, error.getMessage());
      agent.close();
      return;
    }
    LOG.warn("http response withheld requestId={} error=\"{}\"", exchange.requestId(), error.getMessage());
    respond(error);
  }

  private void failBeforeHead() {
    end();
    LOG.warn("http upstream failed requestId={} resource={} error=\"{}\"",
        exchange.requestId(), exchange.resource(), upstreamError);
    ResponseChunk failure = services.events().upstreamFailure(
        exchange, services.sequences().next(exchange.sessionId()), upstreamError, protocol);
    services.gate().record(failure).whenCompleteAsync(
        (ok, e) -> respond(ProblemException.upstreamFailed(exchange.resource())), agent.executor());
  }

  private void respond(Throwable error) {
    agent.writeAndFlush(HttpProblems.toErrorResponse(error, exchange.requestId()))
        .addListener((ChannelFutureListener) f -> done.relayed(false));
  }

  private void end() {
    finished = true;
    buffer.release();
  }
}
