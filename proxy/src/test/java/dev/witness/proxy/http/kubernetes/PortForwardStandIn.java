package dev.witness.proxy.http.kubernetes;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.MessageToMessageCodec;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyDataFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Kubernetes API stand-in for port-forward, written on Netty: discovery, {@code GET} of any pod
 * in {@code default} (Running), and {@code pods/<name>/portforward} upgraded to WebSocket with
 * {@code SPDY/3.1+portforward.k8s.io} (SPDY/3.1 frames tunnelled in binary messages, as kubectl
 * 1.31+ speaks it). Each forwarded connection's data stream is joined to a local TCP echo server,
 * whatever pod port it names; the error stream stays empty and is closed when the data ends.
 * {@code pods/<name>/exec} (or {@code attach}) upgraded to SPDY/3.1 runs a {@link SpdyExecSession} (remote-command v4).
 */
public final class PortForwardStandIn implements AutoCloseable {

  static final String TUNNEL = "SPDY/3.1+portforward.k8s.io";

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel echo;
  private final Channel server;
  /** Path of each request that reached the stand-in, e.g. "POST /api/v1/namespaces/default/pods/x/portforward". */
  final List<String> paths = new CopyOnWriteArrayList<>();
  /** The pod port named by each data stream opened. */
  final List<String> dataStreamPorts = new CopyOnWriteArrayList<>();
  /** What arrived on the stdin stream of SPDY exec sessions, frame by frame, as text. */
  final List<String> stdin = new CopyOnWriteArrayList<>();

  private PortForwardStandIn() throws InterruptedException {
    echo = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
              @Override
              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.writeAndFlush(msg);
              }
            });
          }
        }).bind("127.0.0.1", 0).sync().channel();
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("http", new HttpServerCodec())
                .addLast("aggregator", new HttpObjectAggregator(1 << 20))
                .addLast("api", new Api());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  public static PortForwardStandIn start() throws InterruptedException {
    return new PortForwardStandIn();
  }

  /** e.g. {@code http://127.0.0.1:43121}. */
  public String url() {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close();
    echo.close();
    group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** The REST part: discovery, pods, and the port-forward upgrade. */
  private final class Api extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      String uri = request.uri();
      String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
      paths.add(request.method() + " " + uri);
      String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "");
      if (path.endsWith("/portforward") && upgrade.equalsIgnoreCase("websocket")) {
        upgrade(ctx, request);
        return;
      }
      if (path.endsWith("/portforward") && upgrade.equalsIgnoreCase("SPDY/3.1")) {
        spdyUpgrade(ctx);
        return;
      }
      if ((path.endsWith("/exec") || path.endsWith("/attach")) && upgrade.equalsIgnoreCase("SPDY/3.1")
          && request.headers().getAll("X-Stream-Protocol-Version").contains("v4.channel.k8s.io")) {
        spdyExec(ctx, request.uri());
        return;
      }
      String body = switch (path) {
        case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:443\"}]}";
        case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        case "/api/v1" -> "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\","
            + "\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"get\",\"list\"],"
            + "\"shortNames\":[\"po\"]},{\"name\":\"pods/portforward\",\"singularName\":\"\",\"namespaced\":true,"
            + "\"kind\":\"PodPortForwardOptions\",\"verbs\":[\"create\",\"get\"]},{\"name\":\"pods/exec\","
            + "\"singularName\":\"\",\"namespaced\":true,\"kind\":\"PodExecOptions\",\"verbs\":[\"create\",\"get\"]}]}";
        case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}";
        default -> path.startsWith("/api/v1/namespaces/default/pods/") && path.split("/").length == 7
            ? pod(path.substring(path.lastIndexOf('/') + 1)) : null;
      };
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          body == null ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK,
          Unpooled.copiedBuffer(body == null ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
              + "\"reason\":\"NotFound\",\"code\":404}" : body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      ctx.writeAndFlush(response);
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
      WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
          "ws://127.0.0.1" + request.uri(), TUNNEL, false, 1 << 20).newHandshaker(request);
      if (handshaker == null) {
        WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
        return;
      }
      io.netty.channel.ChannelPipeline p = ctx.pipeline();
      p.remove(this);
      // After the 101 is out: the SPDY codec refuses to write anything but SPDY frames.
      handshaker.handshake(ctx.channel(), request).addListener(f -> {
        if (f.isSuccess()) {
          p.addLast("tunnel", new Tunnel())
              .addLast("spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1))
              .addLast("session", new SpdySessionHandler(SpdyVersion.SPDY_3_1, true))
              .addLast("forward", new Forwarder());
        } else {
          p.channel().close();
        }
      });
    }
  }

  /** kubectl's fallback (or {@code KUBECTL_PORT_FORWARD_WEBSOCKETS=false}): SPDY/3.1 right on the connection. */
  private void spdyUpgrade(ChannelHandlerContext ctx) {
    switchToSpdy(ctx, "portforward.k8s.io", new Forwarder());
  }

  /** Exec over SPDY/3.1 (kubectl with {@code KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false}), remote-command v4. */
  private void spdyExec(ChannelHandlerContext ctx, String uri) {
    switchToSpdy(ctx, "v4.channel.k8s.io", SpdyExecSession.forUri(uri, stdin));
  }

  /** Answers 101 with {@code streamProtocol}, then speaks SPDY/3.1 (strict flow control) to {@code handler}. */
  private static void switchToSpdy(ChannelHandlerContext ctx, String streamProtocol,
      io.netty.channel.ChannelHandler handler) {
    FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.SWITCHING_PROTOCOLS);
    switching.headers().set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "SPDY/3.1")
        .set("X-Stream-Protocol-Version", streamProtocol);
    io.netty.channel.ChannelPipeline p = ctx.pipeline();
    p.remove("api");
    p.remove("aggregator");
    ctx.channel().writeAndFlush(switching).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        p.channel().close();
        return;
      }
      p.remove("http");
      p.addLast("spdy", new SpdyFrameCodec(SpdyVersion.SPDY_3_1))
          .addLast("session", new SpdySessionHandler(SpdyVersion.SPDY_3_1, true))
          .addLast("stream", handler);
    });
  }

  private static String pod(String name) {
    return "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"default\"},"
        + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"registry.example/app:1\",\"ports\":"
        + "[{\"containerPort\":9000}]}]},\"status\":{\"phase\":\"Running\"}}";
  }

  /** SPDY bytes in and out of binary WebSocket messages. */
  private static final class Tunnel extends MessageToMessageCodec<BinaryWebSocketFrame, ByteBuf> {
    @Override
    protected void encode(ChannelHandlerContext ctx, ByteBuf msg, List<Object> out) {
      out.add(new BinaryWebSocketFrame(msg.retain()));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, BinaryWebSocketFrame msg, List<Object> out) {
      out.add(msg.content().retain());
    }
  }

  /** Joins each data stream to a connection to the echo server. */
  private final class Forwarder extends ChannelInboundHandlerAdapter {
    private final Map<Integer, io.netty.channel.ChannelFuture> targets = new HashMap<>();
    private final Map<Integer, Integer> errorStreams = new HashMap<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof SpdySynStreamFrame syn) {
        int id = syn.streamId();
        String type = syn.headers().getAsString("streamtype");
        String requestId = syn.headers().getAsString("requestid");
        // Netty writes an empty header block as no bytes at all, which Go's SPDY framer cannot read:
        // the reply echoes the stream's headers.
        DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(id);
        reply.headers().set("streamtype", type).set("port", syn.headers().getAsString("port"))
            .set("requestid", requestId);
        ctx.writeAndFlush(reply);
        if ("error".equals(type)) {
          errorStreams.put(Integer.parseInt(requestId), id);
        } else if ("data".equals(type)) {
          dataStreamPorts.add(syn.headers().getAsString("port"));
          connect(ctx, id, Integer.parseInt(requestId));
        }
      } else if (msg instanceof SpdyDataFrame data) {
        io.netty.channel.ChannelFuture target = targets.get(data.streamId());
        if (target != null) {
          // Data may come before the echo connection is up: the listeners run in order once it is.
          ByteBuf bytes = data.content().retain();
          boolean last = data.isLast();
          target.addListener((ChannelFutureListener) f -> {
            if (f.isSuccess() && bytes.isReadable()) {
              f.channel().writeAndFlush(bytes);
            } else {
              bytes.release();
            }
            if (last) {
              f.channel().close();
            }
          });
        }
        data.release();
      } else {
        io.netty.util.ReferenceCountUtil.release(msg);
      }
    }

    private void connect(ChannelHandlerContext spdy, int streamId, int requestId) {
      io.netty.channel.ChannelFuture connected = new Bootstrap().group(spdy.channel().eventLoop()).channel(NioSocketChannel.class)
          .option(ChannelOption.AUTO_READ, true)
          .handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
              spdy.writeAndFlush(new DefaultSpdyDataFrame(streamId, (ByteBuf) msg));
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
              targets.remove(streamId);
              if (spdy.channel().isActive()) {
                spdy.write(new DefaultSpdyDataFrame(streamId).setLast(true));
                Integer error = errorStreams.remove(requestId);
                if (error != null) {
                  spdy.write(new DefaultSpdyDataFrame(error).setLast(true));
                }
                spdy.flush();
              }
            }
          }).connect(echo.localAddress());
      targets.put(streamId, connected);
      connected.addListener((ChannelFutureListener) f -> {
        if (!f.isSuccess()) {
          spdy.writeAndFlush(new DefaultSpdyDataFrame(streamId).setLast(true));
        }
      });
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      targets.values().forEach(f -> f.channel().close());
      ctx.fireChannelInactive();
    }
  }
}
