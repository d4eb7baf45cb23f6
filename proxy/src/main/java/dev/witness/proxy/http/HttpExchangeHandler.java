package dev.witness.proxy.http;

import dev.witness.proxy.RequestDeniedException;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.http.kubernetes.KubernetesRequests;
import dev.witness.proxy.http.kubernetes.KubernetesStatus;
import dev.witness.proxy.http.mcp.InvalidJsonRpcException;
import dev.witness.proxy.http.mcp.JsonRpcError;
import dev.witness.proxy.http.mcp.JsonRpcMessage;
import dev.witness.proxy.http.mcp.JsonRpcResponses;
import dev.witness.proxy.http.mcp.McpRefusals;
import dev.witness.proxy.http.mcp.McpRequests;
import dev.witness.schemas.event.Decision;
import dev.witness.schemas.event.RequestIntercepted;
import dev.witness.schemas.event.Verdict;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one authenticated request at a time: route it, record it, wait for the verdict, and only on
 * ALLOW forward it and relay the masked response. The next request is read when this one is done.
 */
final class HttpExchangeHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(HttpExchangeHandler.class);

  private final HttpProxyServices services;
  private final String connectionSession;
  private final boolean kubernetesErrors;
  /** Requests of this connection waiting for their verdict (perhaps held for approval). */
  private final java.util.Set<String> awaitingVerdict = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private UpstreamSlot upstream;
  private ResponseRelay relay;

  HttpExchangeHandler(HttpProxyServices services, String connectionSession) {
    this(services, connectionSession, false);
  }

  HttpExchangeHandler(HttpProxyServices services, String connectionSession, boolean kubernetesErrors) {
    this.services = services;
    this.connectionSession = connectionSession;
    this.kubernetesErrors = kubernetesErrors;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    upstream = new UpstreamSlot(services.connector(), ctx.channel().eventLoop());
    ctx.read();
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (relay != null) {
      relay.abort();
    }
    if (upstream != null) {
      upstream.discard();
    }
    // A request held for approval whose client went away is withdrawn: its approval ends CANCELLED.
    awaitingVerdict.forEach(id -> services.gate().withdraw(id, "the agent's connection closed"));
    services.sequences().forget(connectionSession);
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof AuthenticatedRequest request) {
      exchange(ctx, request);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.warn("http agent connection failed sessionId={} error={}", connectionSession, cause.toString());
    ctx.close();
  }

  private void exchange(ChannelHandlerContext ctx, AuthenticatedRequest authenticated) {
    HttpRequest request = authenticated.request();
    ExchangeContext ex = null;
    try {
      RequestTarget target = RequestTarget.parse(request.uri());
      RouteTarget route = services.routes().match(target.path())
          .orElseThrow(() -> ProblemException.noRoute(target.path()));
      ex = new ExchangeContext(services.newId(), sessionOf(request, route),
          authenticated.agent(), WitnessHeaders.purpose(request.headers()), route.resource(), services.replyPartition());
      if (authenticated.oversized()) {
        refuseOversized(ctx, ex, request, target, route);
        return;
      }
      FullHttpRequest full = (FullHttpRequest) request;
      if (route.mcp() && HttpMethod.POST.equals(full.method())) {
        mcpExchange(ctx, ex, route, target, full);
        return;
      }
      RequestIntercepted event = route.kubernetes()
          ? services.events().kubernetesRequest(ex, services.sequences().next(ex.sessionId()),
              KubernetesRequests.of(full.method().name(), target.path(), target.query(),
                  ByteBufUtil.getBytes(full.content())))
          : services.events().request(ex, services.sequences().next(ex.sessionId()),
              NettyHttpData.withBody(full, target), route.redactor(), route.protocol());
      ExchangeContext admitted = ex;
      LOG.debug("http request recorded requestId={} sessionId={} agent={} method={} resource={}",
          ex.requestId(), ex.sessionId(), ex.agent().id(), full.method(), ex.resource());
      awaitingVerdict.add(ex.requestId());
      services.gate().admit(event).whenCompleteAsync((verdict, error) -> {
        awaitingVerdict.remove(admitted.requestId());
        onVerdict(ctx, admitted, route, target, full, null, verdict, error);
      }, ctx.executor());
    } catch (RuntimeException e) {
      ReferenceCountUtil.release(request);
      respond(ctx, e, ex == null ? null : ex.requestId());
    }
  }

  /**
   * One JSON-RPC message of the MCP streamable HTTP transport: recorded as an McpRequest and gated
   * like any request; a malformed message is recorded as the HTTP request it was and answered with
   * a JSON-RPC error, never forwarded.
   */
  private void mcpExchange(ChannelHandlerContext ctx, ExchangeContext ex, RouteTarget route, RequestTarget target,
      FullHttpRequest full) {
    JsonRpcMessage message;
    try {
      message = JsonRpcMessage.parse(ByteBufUtil.getBytes(full.content()));
    } catch (InvalidJsonRpcException invalid) {
      RequestIntercepted event = services.events().request(ex, services.sequences().next(ex.sessionId()),
          NettyHttpData.withBody(full, target), route.redactor(), route.protocol());
      full.release();
      LOG.info("mcp message invalid requestId={} sessionId={} resource={} code={}",
          ex.requestId(), ex.sessionId(), ex.resource(), invalid.error().code());
      String requestId = ex.requestId();
      services.gate().record(event).whenCompleteAsync((ok, error) -> {
        if (error != null) {
          respond(ctx, error, requestId);
        } else {
          respondJsonRpc(ctx, invalid.error());
        }
      }, ctx.executor());
      return;
    }
    String mcpSession = full.headers().get(McpRequests.SESSION_HEADER);
    RequestIntercepted event = services.events().mcpRequest(ex, services.sequences().next(ex.sessionId()),
        McpRequests.of(message, mcpSession));
    LOG.debug("mcp request recorded requestId={} sessionId={} agent={} method={} tool={} resource={}",
        ex.requestId(), ex.sessionId(), ex.agent().id(), message.method(), message.toolName(), ex.resource());
    awaitingVerdict.add(ex.requestId());
    services.gate().admit(event).whenCompleteAsync((verdict, error) -> {
      awaitingVerdict.remove(ex.requestId());
      onVerdict(ctx, ex, route, target, full, message, verdict, error);
    }, ctx.executor());
  }

  /** X-Witness-Session names the session; on an MCP route the server's Mcp-Session-Id is next. */
  private String sessionOf(HttpRequest request, RouteTarget route) {
    String fallback = connectionSession;
    if (route.mcp()) {
      String mcp = McpRequests.sessionKey(request.headers().get(McpRequests.SESSION_HEADER));
      if (mcp != null) {
        fallback = mcp;
      }
    }
    return WitnessHeaders.sessionId(request.headers(), fallback);
  }

  private void refuseOversized(ChannelHandlerContext ctx, ExchangeContext ex, HttpRequest head,
      RequestTarget target, RouteTarget route) {
    RequestIntercepted event = services.events().request(ex, services.sequences().next(ex.sessionId()),
        NettyHttpData.withoutBody(head, target), route.redactor());
    LOG.info("http request too large requestId={} sessionId={} resource={} maxBytes={}",
        ex.requestId(), ex.sessionId(), ex.resource(), services.maxBodyBytes());
    String requestId = ex.requestId();
    services.gate().record(event).whenCompleteAsync(
        (ok, error) -> respond(ctx, ProblemException.tooLarge(services.maxBodyBytes()), requestId), ctx.executor());
  }

  private void onVerdict(ChannelHandlerContext ctx, ExchangeContext ex, RouteTarget route, RequestTarget target,
      FullHttpRequest request, JsonRpcMessage rpc, Verdict verdict, Throwable error) {
    if (!ctx.channel().isActive()) {
      request.release();
      return;
    }
    if (error != null) {
      request.release();
      LOG.warn("http request not forwarded requestId={} sessionId={} resource={} error=\"{}\"",
          ex.requestId(), ex.sessionId(), ex.resource(), error.getMessage());
      respond(ctx, error, ex.requestId());
      return;
    }
    // Refusals are operational events (INFO); an allowed request is routine and already evidence in the
    // ledger, so its line is DEBUG: an INFO line per request costs a console write on the event loop.
    if (verdict.getDecision() != Decision.ALLOW) {
      LOG.info("http verdict requestId={} sessionId={} agent={} resource={} decision={} rules={}",
          ex.requestId(), ex.sessionId(), ex.agent().id(), ex.resource(), verdict.getDecision(), verdict.getRules());
    } else if (LOG.isDebugEnabled()) {
      LOG.debug("http verdict requestId={} sessionId={} agent={} resource={} decision={} rules={}",
          ex.requestId(), ex.sessionId(), ex.agent().id(), ex.resource(), verdict.getDecision(), verdict.getRules());
    }
    if (verdict.getDecision() != Decision.ALLOW) {
      request.release();
      if (rpc != null) {
        respondJsonRpc(ctx, McpRefusals.of(verdict, rpc.idJson()));
      } else {
        respond(ctx, new RequestDeniedException(verdict), ex.requestId());
      }
      return;
    }
    if (route.kubernetes() && KubernetesStreamUpgrade.isUpgrade(request)) {
      // exec, attach, port-forward: the connection becomes a recorded stream.
      KubernetesStreamUpgrade.open(ctx, ex, route, target, request, services, e -> respond(ctx, e, ex.requestId()));
      return;
    }
    FullHttpRequest outbound = Forwarding.upstreamRequest(request, target, route);
    String mcpSession = request.headers().get(McpRequests.SESSION_HEADER);
    request.release();
    upstream.acquire(route).addListener((Future<Channel> f) -> {
      if (!f.isSuccess()) {
        outbound.release();
        unreachable(ctx, ex, route, f.cause());
      } else if (!ctx.channel().isActive()) {
        outbound.release();
      } else {
        forward(ctx, ex, route, target, f.getNow(), outbound, rpc, mcpSession);
      }
    });
  }

  private void forward(ChannelHandlerContext ctx, ExchangeContext ex, RouteTarget route, RequestTarget target,
      Channel up, FullHttpRequest outbound, JsonRpcMessage rpc, String mcpSession) {
    ResponseRelay next = new ResponseRelay(ctx, up, ex, services, route,
        reusable -> relayed(ctx, up, reusable));
    if (rpc != null && McpToolFilter.TOOLS_LIST.equals(rpc.method())) {
      next.filterToolList(listed -> McpToolFilter.hiddenTools(services, ex, rpc, mcpSession, listed));
    }
    if (route.kubernetes() && KubernetesRequests.streamsLines(target.query())) {
      next.lineByLine();
    }
    relay = next;
    UpstreamHandler handler = up.pipeline().get(UpstreamHandler.class);
    if (handler == null) {
      outbound.release();
      next.onUpstreamClosed();
      return;
    }
    handler.listen(next);
    up.writeAndFlush(outbound).addListener((ChannelFutureListener) w -> {
      if (w.isSuccess()) {
        up.read();
      } else {
        next.onUpstreamFailure(w.cause());
      }
    });
  }

  private void relayed(ChannelHandlerContext ctx, Channel up, boolean reusable) {
    relay = null;
    UpstreamHandler handler = up.pipeline().get(UpstreamHandler.class);
    if (handler != null) {
      handler.listen(null);
    }
    if (!reusable) {
      upstream.discard();
    }
    ctx.read();
  }

  private void unreachable(ChannelHandlerContext ctx, ExchangeContext ex, RouteTarget route, Throwable cause) {
    String error = "upstream unreachable: " + cause.getClass().getSimpleName();
    LOG.warn("http upstream unreachable requestId={} resource={} error=\"{}\"", ex.requestId(), ex.resource(), cause.getMessage());
    services.gate().record(services.events().upstreamFailure(ex, services.sequences().next(ex.sessionId()), error,
        route.protocol()))
        .whenCompleteAsync((ok, e) -> respond(ctx, ProblemException.upstreamUnreachable(ex.resource()), ex.requestId()),
            ctx.executor());
  }

  private static java.util.List<String> rulesOf(Problem problem) {
    return problem.extensions().get("rules") instanceof java.util.List<?> rules
        ? rules.stream().map(String::valueOf).toList() : java.util.List.of();
  }

  private void respondJsonRpc(ChannelHandlerContext ctx, JsonRpcError answer) {
    ctx.writeAndFlush(JsonRpcResponses.render(answer)).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess() && f.channel().isActive()) {
        ctx.read();
      }
    });
  }

  private void respond(ChannelHandlerContext ctx, Throwable error, String requestId) {
    Object response = HttpProblems.toErrorResponse(error, requestId);
    if (kubernetesErrors) {
      // kubectl prints a Status message; a problem+json body would show as an unknown error.
      ReferenceCountUtil.release(response);
      Problem problem = HttpProblems.toProblem(error);
      response = KubernetesStatus.render(problem.status(),
          problem.title() + (problem.detail() == null ? "" : ": " + problem.detail()) + (requestId == null ? "" : " (witness request " + requestId + ")"),
          rulesOf(problem));
    }
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess() && f.channel().isActive()) {
        ctx.read();
      }
    });
  }
}
