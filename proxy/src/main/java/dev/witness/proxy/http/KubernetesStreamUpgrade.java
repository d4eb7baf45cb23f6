package dev.witness.proxy.http;

import dev.witness.proxy.event.ExchangeContext;
import dev.witness.proxy.http.KubernetesStreamRelay.Side;
import dev.witness.proxy.http.kubernetes.StreamChannels;
import dev.witness.schemas.event.HttpResponseHead;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.spdy.SpdyFrame;
import io.netty.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens an allowed Kubernetes stream (exec, attach, port-forward over WebSocket): sends the
 * upgrade to the API server with the cluster credential, and only once it answered 101 completes
 * the agent's handshake with the subprotocol the server chose, then hands both connections to a
 * {@link KubernetesStreamRelay}. A refused upgrade (any other status) is relayed like any response,
 * recorded and masked. A SPDY/3.1 upgrade of port-forward (kubectl's fallback, or
 * {@code KUBECTL_PORT_FORWARD_WEBSOCKETS=false}) is relayed the same way, its raw bytes carried as
 * binary messages ({@link RawStreamFrames}). A SPDY/3.1 upgrade of exec or attach (kubectl before
 * 1.31, {@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}, client-go and other client libraries) is
 * terminated on both legs and relayed frame by frame ({@link KubernetesSpdyExecRelay}), so its
 * output can be masked and re-framed.
 */
final class KubernetesStreamUpgrade {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesStreamUpgrade.class);
  private static final int MIN_FRAME_BYTES = 64 * 1024;
  private static final String STREAM_PROTOCOL_VERSION = "X-Stream-Protocol-Version";

  private KubernetesStreamUpgrade() {}

  /** Whether {@code request} asks for a protocol upgrade (WebSocket or SPDY). */
  static boolean isUpgrade(HttpRequest request) {
    return request.headers().contains(HttpHeaderNames.UPGRADE);
  }

  /**
   * Takes over {@code request} (released here) on the agent connection of {@code exchangeCtx}.
   *
   * @param refuse answers the agent with an error (a Kubernetes Status) and reads the next request
   */
  static void open(ChannelHandlerContext exchangeCtx, ExchangeContext ex, RouteTarget route, RequestTarget target,
      FullHttpRequest request, HttpProxyServices services, Consumer<Throwable> refuse) {
    String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
    boolean spdy = !StreamChannels.upgradesTo(upgrade, "websocket") && StreamChannels.upgradesTo(upgrade, "spdy/3.1");
    boolean portForward = new QueryStringDecoder(request.uri()).path().endsWith("/portforward");
    if (!StreamChannels.upgradesTo(upgrade, "websocket") && !spdy) {
      request.release();
      LOG.info("kubernetes stream refused requestId={} upgrade={}", ex.requestId(), upgrade);
      refuse.accept(new ProblemException(Problem.of(400, "stream-protocol", "Stream protocol not relayed",
          "Witness relays Kubernetes streams over WebSocket or SPDY/3.1 only, not " + upgrade)));
      return;
    }
    FullHttpRequest outbound = Forwarding.upstreamRequest(request, target, route);
    outbound.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
        .set(HttpHeaderNames.UPGRADE, spdy ? "SPDY/3.1" : HttpHeaderValues.WEBSOCKET.toString());
    Channel agent = exchangeCtx.channel();
    services.connector().connect(route, agent.eventLoop()).addListener((ChannelFutureListener) connected -> {
      if (!connected.isSuccess()) {
        outbound.release();
        request.release();
        LOG.warn("kubernetes stream upstream unreachable requestId={} error=\"{}\"", ex.requestId(),
            connected.cause().getMessage());
        services.gate().record(services.events().upstreamFailure(ex, services.sequences().next(ex.sessionId()),
                "upstream unreachable: " + connected.cause().getClass().getSimpleName(), route.protocol()))
            .whenCompleteAsync((ok, e) -> refuse.accept(ProblemException.upstreamUnreachable(ex.resource())),
                agent.eventLoop());
        return;
      }
      Channel up = connected.channel();
      if (!agent.isActive()) {
        outbound.release();
        request.release();
        up.close();
        return;
      }
      UpstreamHandler handler = up.pipeline().get(UpstreamHandler.class);
      handler.listen(new UpgradeListener(exchangeCtx, up, ex, route, request, services, spdy, portForward));
      up.writeAndFlush(outbound).addListener((ChannelFutureListener) w -> {
        if (w.isSuccess()) {
          up.read();
        } else {
          up.close();
        }
      });
    });
  }

  private static int maxFrameBytes(HttpProxyServices services) {
    return Math.max(services.chunkBytes(), MIN_FRAME_BYTES);
  }

  /** Waits for the API server's answer to the upgrade. */
  private static final class UpgradeListener implements UpstreamHandler.Listener {
    private final ChannelHandlerContext exchangeCtx;
    private final Channel upstream;
    private final ExchangeContext ex;
    private final RouteTarget route;
    private final FullHttpRequest request;
    private final HttpProxyServices services;
    private final boolean spdy;
    private final boolean portForward;
    private ResponseRelay refused;
    private boolean upgraded;

    UpgradeListener(ChannelHandlerContext exchangeCtx, Channel upstream, ExchangeContext ex, RouteTarget route,
        FullHttpRequest request, HttpProxyServices services, boolean spdy, boolean portForward) {
      this.exchangeCtx = exchangeCtx;
      this.upstream = upstream;
      this.ex = ex;
      this.route = route;
      this.request = request;
      this.services = services;
      this.spdy = spdy;
      this.portForward = portForward;
    }

    @Override
    public void onResponseHead(HttpResponse head) {
      if (head.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
        upgraded = true;
        if (spdy) {
          switchToSpdy(head);
        } else {
          switchProtocols(head);
        }
        return;
      }
      request.release();
      // Not upgraded (e.g. the cluster's own 403 or 404): an ordinary, recorded and masked response.
      refused = new ResponseRelay(exchangeCtx, upstream, ex, services, route, reusable -> {
        upstream.close();
        exchangeCtx.read();
      });
      refused.onResponseHead(head);
    }

    @Override
    public void onResponseContent(HttpContent content) {
      if (refused != null) {
        refused.onResponseContent(content);
      } else {
        content.release();
      }
    }

    @Override
    public void onUpstreamReadComplete() {
      if (refused != null) {
        refused.onUpstreamReadComplete();
      }
    }

    @Override
    public void onUpstreamClosed() {
      if (refused != null) {
        refused.onUpstreamClosed();
      } else if (!upgraded) {
        request.release();
        exchangeCtx.close();
      }
    }

    @Override
    public void onUpstreamFailure(Throwable cause) {
      if (refused != null) {
        refused.onUpstreamFailure(cause);
      }
    }

    /** Runs inside the upstream's HTTP decoder: the frame decoder must be in place before the next bytes. */
    private void switchProtocols(HttpResponse head) {
      String subprotocol = head.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
      HttpResponseHead recorded = services.events().responseHead(head.status().code(), head.headers(),
          route.redactor());
      Channel agent = exchangeCtx.channel();
      KubernetesStreamRelay relay = new KubernetesStreamRelay(agent, upstream, ex, services, recorded, subprotocol);
      int max = maxFrameBytes(services);

      ChannelPipeline up = upstream.pipeline();
      HttpClientCodec codec = up.get(HttpClientCodec.class);
      up.addAfter("codec", "ws-frames", new RelayedFrames<>(WebSocketFrame.class, relay, Side.CLUSTER));
      up.addAfter("codec", "ws-aggregator", new WebSocketFrameAggregator(max));
      up.addAfter("codec", "ws-decoder", new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
          .expectMaskedFrames(false).allowMaskMismatch(true).maxFramePayloadLength(max).build()));
      up.addAfter("codec", "ws-encoder", new WebSocket13FrameEncoder(true));
      up.remove(UpstreamHandler.class);
      codec.removeOutboundHandler();
      upstream.eventLoop().execute(() -> up.remove(codec));

      ChannelPipeline p = agent.pipeline();
      for (String name : new String[] {"keep-alive", "flow-control", "demand", "auth"}) {
        if (p.get(name) != null) {
          p.remove(name);
        }
      }
      WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
          "wss://" + route.authority() + request.uri(), subprotocol, false, max).newHandshaker(request);
      if (handshaker == null) {
        request.release();
        upstream.close();
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(agent)
            .addListener(ChannelFutureListener.CLOSE);
        return;
      }
      p.addBefore("exchange", "k8s-stream", new RelayedFrames<>(WebSocketFrame.class, relay, Side.AGENT));
      handshaker.handshake(agent, request).addListener((Future<Void> f) -> {
        request.release();
        if (!f.isSuccess()) {
          LOG.warn("kubernetes stream handshake failed requestId={} error=\"{}\"", ex.requestId(),
              f.cause().getMessage());
          upstream.close();
          agent.close();
          return;
        }
        if (p.get("wsdecoder") != null) {
          p.addAfter("wsdecoder", "ws-aggregator", new WebSocketFrameAggregator(max));
        }
        relay.begin();
      });
    }

    /**
     * A SPDY/3.1 upgrade. Port-forward: both connections become raw byte relays (their bytes
     * carried as binary messages). Exec and attach: both connections decode SPDY frames for a
     * {@link KubernetesSpdyExecRelay}. Either way the agent gets the cluster's 101 and its stream
     * protocol.
     */
    private void switchToSpdy(HttpResponse head) {
      HttpResponseHead recorded = services.events().responseHead(head.status().code(), head.headers(),
          route.redactor());
      Channel agent = exchangeCtx.channel();
      KubernetesStreamRelay relay = portForward ? new KubernetesStreamRelay(agent, upstream, ex, services, recorded,
          StreamChannels.PORT_FORWARD_TUNNEL) : null;
      KubernetesSpdyExecRelay exec = portForward ? null
          : new KubernetesSpdyExecRelay(agent, upstream, ex, services, recorded);
      int max = maxFrameBytes(services);

      ChannelPipeline up = upstream.pipeline();
      HttpClientCodec codec = up.get(HttpClientCodec.class);
      if (portForward) {
        up.addAfter("codec", "k8s-stream", new RelayedFrames<>(WebSocketFrame.class, relay, Side.CLUSTER));
        up.addAfter("codec", "raw-frames", new RawStreamFrames());
      } else {
        up.addAfter("codec", "k8s-stream", new RelayedFrames<>(SpdyFrame.class, exec, Side.CLUSTER));
        up.addAfter("codec", "spdy-frames", SpdyExecFrames.codec(max));
      }
      up.remove(UpstreamHandler.class);
      codec.removeOutboundHandler();
      upstream.eventLoop().execute(() -> up.remove(codec));

      ChannelPipeline p = agent.pipeline();
      for (String name : new String[] {"keep-alive", "flow-control", "demand", "auth"}) {
        if (p.get(name) != null) {
          p.remove(name);
        }
      }
      DefaultFullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.SWITCHING_PROTOCOLS);
      switching.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
          .set(HttpHeaderNames.UPGRADE, "SPDY/3.1");
      String version = head.headers().get(STREAM_PROTOCOL_VERSION);
      if (version != null) {
        switching.headers().set(STREAM_PROTOCOL_VERSION, version);
      }
      p.addBefore("exchange", "k8s-stream",
          portForward ? new RelayedFrames<WebSocketFrame>(WebSocketFrame.class, relay, Side.AGENT)
              : new RelayedFrames<SpdyFrame>(SpdyFrame.class, exec, Side.AGENT));
      agent.writeAndFlush(switching).addListener((ChannelFutureListener) f -> {
        request.release();
        if (!f.isSuccess()) {
          LOG.warn("kubernetes spdy upgrade failed requestId={} error=\"{}\"", ex.requestId(), f.cause().getMessage());
          upstream.close();
          agent.close();
          return;
        }
        // From here on the agent speaks SPDY: its bytes (port-forward) or frames (exec) go to the relay.
        p.addAfter("codec", portForward ? "raw-frames" : "spdy-frames",
            portForward ? new RawStreamFrames() : SpdyExecFrames.codec(max));
        p.remove(HttpServerCodec.class);
        if (p.get("aggregator") != null) {
          p.remove("aggregator");
        }
        if (portForward) {
          relay.begin();
        } else {
          exec.begin();
        }
      });
    }
  }
}
