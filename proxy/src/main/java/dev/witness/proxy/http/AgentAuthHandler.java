package dev.witness.proxy.http;

import dev.witness.proxy.auth.AuthResult;
import dev.witness.proxy.auth.AuthenticatedAgent;
import dev.witness.proxy.event.ExchangeContext;
import dev.witness.schemas.event.RequestIntercepted;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates each request by its bearer token. Known agents' requests travel on as {@link
 * AuthenticatedRequest}; the others are recorded as failed authentications (never with the token)
 * and answered 401 without reaching routing or policy.
 */
final class AgentAuthHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = LoggerFactory.getLogger(AgentAuthHandler.class);

  private final HttpProxyServices services;
  private final String connectionSession;

  AgentAuthHandler(HttpProxyServices services, String connectionSession) {
    this.services = services;
    this.connectionSession = connectionSession;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof FullHttpRequest request) {
      if (!request.decoderResult().isSuccess()) {
        request.release();
        reply(ctx, HttpProblems.toErrorResponse(ProblemException.badRequest("The request is not valid HTTP/1.1")));
        return;
      }
      authenticate(ctx, request, false);
    } else if (msg instanceof OversizedRequest oversized) {
      authenticate(ctx, oversized.head(), true);
    } else {
      ctx.fireChannelRead(msg);
    }
  }

  private void authenticate(ChannelHandlerContext ctx, HttpRequest request, boolean oversized) {
    AuthResult result = services.authenticator().authenticateAuthorization(request.headers().get(HttpHeaderNames.AUTHORIZATION));
    if (result instanceof AuthResult.Authenticated ok) {
      ctx.fireChannelRead(new AuthenticatedRequest(ok.agent(), request, oversized));
      return;
    }
    String reason = ((AuthResult.Rejected) result).reason();
    try {
      recordAndRefuse(ctx, request, oversized, reason);
    } finally {
      ReferenceCountUtil.release(request);
    }
  }

  private void recordAndRefuse(ChannelHandlerContext ctx, HttpRequest request, boolean oversized, String reason) {
    RequestTarget target;
    try {
      target = RequestTarget.parse(request.uri());
    } catch (ProblemException e) {
      // Not even a path: nothing sensible to record beyond the log line.
      LOG.info("http auth failed reason=\"{}\" sessionId={} recorded=false", reason, connectionSession);
      reply(ctx, HttpProblems.toErrorResponse(ProblemException.unauthenticated(reason)), oversized);
      return;
    }
    ExchangeContext ex = new ExchangeContext(services.newId(),
        WitnessHeaders.sessionIdOrFallback(request.headers(), connectionSession), AuthenticatedAgent.ANONYMOUS,
        WitnessHeaders.purposeOrNull(request.headers()), services.routes().resourceOf(target.path()),
        services.replyPartition());
    // The route's redactor also hides its credential header, which a caller may have guessed at.
    HeaderRedactor redactor = services.routes().match(target.path()).map(RouteTarget::redactor)
        .orElse(HeaderRedactor.standard());
    RequestIntercepted event = services.events().authenticationFailed(ex, services.sequences().next(ex.sessionId()),
        NettyHttpData.withoutBody(request, target), redactor, reason);
    LOG.info("http auth failed requestId={} sessionId={} reason=\"{}\" resource={}",
        ex.requestId(), ex.sessionId(), reason, ex.resource());
    // Answer once the attempt is recorded (or could not be): the order then matches the log.
    services.gate().record(event).whenCompleteAsync((ok, error) -> reply(ctx,
        HttpProblems.toErrorResponse(ProblemException.unauthenticated(reason), ex.requestId()), oversized),
        ctx.executor());
  }

  private static void reply(ChannelHandlerContext ctx, FullHttpResponse response, boolean close) {
    if (close) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    reply(ctx, response);
  }

  private static void reply(ChannelHandlerContext ctx, FullHttpResponse response) {
    ctx.writeAndFlush(response).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess() && f.channel().isActive()) {
        ctx.read();
      }
    });
  }
}
