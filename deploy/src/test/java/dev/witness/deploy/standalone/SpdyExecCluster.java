package dev.witness.deploy.standalone;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.spdy.DefaultSpdyDataFrame;
import io.netty.handler.codec.spdy.DefaultSpdySynReplyFrame;
import io.netty.handler.codec.spdy.SpdyFrameCodec;
import io.netty.handler.codec.spdy.SpdySessionHandler;
import io.netty.handler.codec.spdy.SpdySynStreamFrame;
import io.netty.handler.codec.spdy.SpdyVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A Kubernetes API stand-in that answers exec over SPDY/3.1 only (remote-command v4, as API servers
 * do for kubectl before 1.31 and for client libraries), for standalone's Kubernetes listener: any
 * pod in {@code demo} is Running; {@code env} prints the pod's environment (its support contact a
 * synthetic e-mail), {@code false} exits 1. Netty's SPDY session handler keeps flow control strictly.
 * A watch of the pods in {@code demo} sends an ADDED then a MODIFIED event of {@code watched-pod}
 * (its contact annotation a synthetic e-mail) over chunked HTTP and stays open, as API servers do.
 */
final class SpdyExecCluster implements AutoCloseable {

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel server;
  /** "METHOD uri" of every request that reached the stand-in. */
  final List<String> paths = new CopyOnWriteArrayList<>();

  SpdyExecCluster() throws InterruptedException {
    server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            ch.pipeline().addLast("http", new HttpServerCodec()).addLast("aggregator", new HttpObjectAggregator(1 << 20))
                .addLast("api", new Api());
          }
        }).bind("127.0.0.1", 0).sync().channel();
  }

  String url() {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    server.close();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  static String supportContact(String pod) {
    return pod + "-oncall@example.com";
  }

  private final class Api extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      paths.add(request.method() + " " + request.uri());
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      String path = uri.path();
      if (path.endsWith("/exec") && "SPDY/3.1".equalsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE))) {
        String[] segments = path.split("/");
        upgrade(ctx, new Exec(segments[segments.length - 2], uri.parameters().getOrDefault("command", List.of())));
        return;
      }
      if (path.equals("/api/v1/namespaces/demo/pods") && uri.parameters().containsKey("watch")) {
        watchPods(ctx);
        return;
      }
      String body = switch (path) {
        case "/api" -> "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
            + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"127.0.0.1:443\"}]}";
        case "/apis" -> "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}";
        case "/api/v1" -> "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":[{\"name\":\"pods\","
            + "\"singularName\":\"pod\",\"namespaced\":true,\"kind\":\"Pod\",\"verbs\":[\"get\",\"list\"]}]}";
        case "/version" -> "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"v1.32.0\"}";
        case "/api/v1/namespaces/demo/pods" ->
            "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[]}";
        default -> path.startsWith("/api/v1/namespaces/demo/pods/") && path.split("/").length == 7
            ? "{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"" + path.substring(path.lastIndexOf('/') + 1)
                + "\",\"namespace\":\"demo\"},\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1\"}]},"
                + "\"status\":{\"phase\":\"Running\"}}"
            : null;
      };
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          body == null ? HttpResponseStatus.NOT_FOUND : HttpResponseStatus.OK, Unpooled.copiedBuffer(body == null
              ? "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}"
              : body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
      ctx.writeAndFlush(response);
    }

    /** Two events, the second half a second later, and the stream left open. */
    private void watchPods(ChannelHandlerContext ctx) {
      HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
      head.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
          .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      ctx.writeAndFlush(head);
      ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(watchEvent("ADDED", "2"), StandardCharsets.UTF_8)));
      ctx.executor().schedule(() -> ctx.writeAndFlush(new DefaultHttpContent(
          Unpooled.copiedBuffer(watchEvent("MODIFIED", "3"), StandardCharsets.UTF_8))), 500, TimeUnit.MILLISECONDS);
    }

    private static String watchEvent(String type, String resourceVersion) {
      return "{\"type\":\"" + type + "\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{\"name\":"
          + "\"watched-pod\",\"namespace\":\"demo\",\"resourceVersion\":\"" + resourceVersion + "\",\"annotations\":"
          + "{\"contact\":\"" + supportContact("watched-pod") + "\",\"revision\":\"" + type.toLowerCase() + "\"}},"
          + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:1\"}]},\"status\":{\"phase\":\"Running\"}}}\n";
    }

    private void upgrade(ChannelHandlerContext ctx, Exec exec) {
      FullHttpResponse switching = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
          HttpResponseStatus.SWITCHING_PROTOCOLS);
      switching.headers().set(HttpHeaderNames.CONNECTION, "Upgrade").set(HttpHeaderNames.UPGRADE, "SPDY/3.1")
          .set("X-Stream-Protocol-Version", "v4.channel.k8s.io");
      ChannelPipeline p = ctx.pipeline();
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
            .addLast("exec", exec);
      });
    }
  }

  /** One exec: runs once the error, stdout and stderr streams are open. */
  private static final class Exec extends ChannelInboundHandlerAdapter {
    private final String pod;
    private final List<String> command;
    private final Map<String, Integer> streams = new HashMap<>();
    private boolean started;

    Exec(String pod, List<String> command) {
      this.pod = pod;
      this.command = command;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof SpdySynStreamFrame syn) {
          String type = syn.headers().getAsString("streamtype");
          streams.put(type, syn.streamId());
          DefaultSpdySynReplyFrame reply = new DefaultSpdySynReplyFrame(syn.streamId());
          reply.headers().set("streamtype", type);
          ctx.writeAndFlush(reply);
          if (!started && streams.keySet().containsAll(List.of("error", "stdout", "stderr"))) {
            started = true;
            run(ctx);
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void run(ChannelHandlerContext ctx) {
      String program = command.isEmpty() ? "" : command.get(0);
      int exit = switch (program) {
        case "env" -> {
          write(ctx, "stdout", "HOSTNAME=" + pod + "\nSUPPORT_CONTACT=" + supportContact(pod) + "\n", false);
          yield 0;
        }
        case "false" -> {
          write(ctx, "stderr", "exiting 1 for " + supportContact(pod) + "\n", false);
          yield 1;
        }
        default -> {
          write(ctx, "stderr", "sh: " + program + ": not found\n", false);
          yield 127;
        }
      };
      write(ctx, "error", exit == 0 ? "{\"metadata\":{},\"status\":\"Success\"}"
          : "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code\","
              + "\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\",\"message\":\""
              + exit + "\"}]}}", true);
      ctx.write(new DefaultSpdyDataFrame(streams.get("stdout")).setLast(true));
      ctx.writeAndFlush(new DefaultSpdyDataFrame(streams.get("stderr")).setLast(true));
    }

    private void write(ChannelHandlerContext ctx, String type, String text, boolean last) {
      ctx.writeAndFlush(new DefaultSpdyDataFrame(streams.get(type), Unpooled.copiedBuffer(text, StandardCharsets.UTF_8))
          .setLast(last));
    }
  }
}
