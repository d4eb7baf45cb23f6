package dev.witness.proxy;

import dev.witness.schemas.config.ConfigException;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The bound server socket and event loops that every protocol listener accepts agents on. Child
 * channels start with {@code AUTO_READ} off: each protocol reads only when its exchange asks,
 * which is the back-pressure toward the agent.
 */
public final class AgentServer implements ProxyListener {

  private final EventLoopGroup group;
  private final Channel server;

  private AgentServer(EventLoopGroup group, Channel server) {
    this.group = group;
    this.server = server;
  }

  /**
   * Binds {@code listen} and serves each agent connection with {@code initializer}.
   *
   * @param field the configuration field {@code listen} came from, named in errors
   * @param example a valid value for that field, shown in errors
   * @param threadName prefix of the event-loop threads
   */
  public static AgentServer bind(String field, String listen, String example, String threadName,
      ChannelHandler initializer) {
    InetSocketAddress address = parse(field, listen, example);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory(threadName), NioIoHandler.newFactory());
    try {
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          .childOption(ChannelOption.AUTO_READ, false)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(initializer)
          .bind(address).syncUninterruptibly().channel();
      return new AgentServer(group, server);
    } catch (Exception e) {
      // syncUninterruptibly rethrows the bind's checked BindException undeclared.
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("cannot listen on " + field + "=" + listen + " (" + e.getMessage()
          + "); is the port in use?", e);
    }
  }

  /** Parses {@code host:port} ({@code [v6]:port} too), naming the field when it is not one. */
  static InetSocketAddress parse(String field, String listen, String example) {
    int colon = listen == null ? -1 : listen.lastIndexOf(':');
    ConfigException bad = new ConfigException(field + ": '" + listen + "' is not host:port; write e.g. " + example);
    if (colon <= 0) {
      throw bad;
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new InetSocketAddress(host, Integer.parseInt(listen.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw bad;
    }
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Stops accepting, closes every connection and waits briefly for the event loops to stop. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
