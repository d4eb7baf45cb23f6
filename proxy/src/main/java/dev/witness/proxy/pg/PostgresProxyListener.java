package dev.witness.proxy.pg;

import dev.witness.proxy.ProxyListener;
import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.proxy.session.SessionSequences;
import dev.witness.schemas.config.ConfigException;
import dev.witness.schemas.config.ProxyConfig;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL proxy listener: binds {@code proxy.postgres.listen} and relays agent sessions to
 * {@code proxy.postgres.backend}, recording and gating every statement, until closed.
 */
public final class PostgresProxyListener implements ProxyListener {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresProxyListener.class);
  private static final int MAX_SESSIONS = 100_000;
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final EventLoopGroup group;
  private final Channel server;

  private PostgresProxyListener(EventLoopGroup group, Channel server) {
    this.group = group;
    this.server = server;
  }

  /**
   * Starts the listener on {@code proxy.postgres().listen()} (port 0 picks a free port).
   *
   * @param proxy proxy settings, with the backend under {@code proxy.postgres().backend()};
   *     {@code replyPartition} must equal {@code replies.partition()}
   * @param authenticator the agents allowed in (user name = agent id, password = token)
   * @param publisher where events go (Kafka in production)
   * @param replies where verdicts and masked chunks come from
   */
  public static PostgresProxyListener start(
      ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher, ReplyChannel replies) {
    return start(proxy, authenticator, publisher, replies, Clock.systemUTC());
  }

  /** Like {@link #start(ProxyConfig, AgentAuthenticator, EventPublisher, ReplyChannel)} on a given clock. */
  public static PostgresProxyListener start(ProxyConfig proxy, AgentAuthenticator authenticator,
      EventPublisher publisher, ReplyChannel replies, Clock clock) {
    if (replies.partition() != proxy.replyPartition()) {
      throw new ConfigException("proxy.replyPartition: " + proxy.replyPartition()
          + " differs from the reply channel's partition " + replies.partition() + "; start both from the same config");
    }
    EventHeaderFactory ids = EventHeaderFactory.withClock(clock);
    PgProxyServices services = new PgProxyServices(proxy, authenticator,
        new WitnessGate(publisher, replies, proxy.verdictTimeout()), ids, new PgEventFactory(ids),
        new SessionSequences(MAX_SESSIONS),
        new BackendConnector(proxy.postgres().backend(), proxy.postgres().maxMessageBytes(), CONNECT_TIMEOUT),
        new CancelKeys(), PgTls.serverContext(proxy.postgres().tls()));
    InetSocketAddress address = parseListen(proxy.postgres().listen());
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        new DefaultThreadFactory("witness-pg"), NioIoHandler.newFactory());
    try {
      Channel server = new ServerBootstrap()
          .group(group)
          .channel(NioServerSocketChannel.class)
          // Read only when the session asks: back-pressure toward the agent.
          .childOption(ChannelOption.AUTO_READ, false)
          .childOption(ChannelOption.TCP_NODELAY, true)
          .childHandler(new PgProxyInitializer(services))
          .bind(address).syncUninterruptibly().channel();
      PostgresProxyListener listener = new PostgresProxyListener(group, server);
      LOG.info("postgres proxy listening address={} resource={} backend={}:{} tls={} replyPartition={}",
          listener.address(), proxy.postgres().resource(), proxy.postgres().backend().host(),
          proxy.postgres().backend().port(), services.tls() != null, proxy.replyPartition());
      return listener;
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new IllegalStateException("cannot listen on proxy.postgres.listen=" + proxy.postgres().listen()
          + " (" + e.getMessage() + "); is the port in use?", e);
    }
  }

  static InetSocketAddress parseListen(String listen) {
    int colon = listen.lastIndexOf(':');
    try {
      if (colon <= 0) {
        throw new IllegalArgumentException();
      }
      return new InetSocketAddress(listen.substring(0, colon), Integer.parseInt(listen.substring(colon + 1)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("proxy.postgres.listen: '" + listen + "' is not host:port; write e.g. 127.0.0.1:15432");
    }
  }

  @Override
  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** The bound port (useful when the configured port was 0). */
  @Override
  public int port() {
    return address().getPort();
  }

  /** Stops accepting, closes every connection and waits briefly for the event loops to stop. */
  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    LOG.info("postgres proxy stopped");
  }
}
