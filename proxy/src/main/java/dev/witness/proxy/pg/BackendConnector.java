package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.PgMessageEncoder;
import dev.witness.proxy.pg.message.SessionMessages.BackendKeyData;
import dev.witness.proxy.pg.message.StartupMessages.CancelRequest;
import dev.witness.schemas.config.PostgresBackendConfig;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.Map;

/** Opens logged-in backend sessions (and one-shot cancel connections) with the credentials from config. */
final class BackendConnector {

  private final PostgresBackendConfig config;
  private final String password;
  private final int maxMessageBytes;
  private final Duration connectTimeout;

  BackendConnector(PostgresBackendConfig config, int maxMessageBytes, Duration connectTimeout) {
    this.config = config;
    // Resolved once at start, so a missing env var or file fails the listener, not every session.
    this.password = config.resolvePassword();
    this.maxMessageBytes = maxMessageBytes;
    this.connectTimeout = connectTimeout;
  }

  /** The database sessions open: the configured one, or else the agent's. */
  String database(String requested) {
    return config.database() != null ? config.database() : requested;
  }

  String configuredDatabase() {
    return config.database();
  }

  /** Connects and logs in on {@code loop}; completes once the backend is ready for queries. */
  Future<BackendSession> open(EventLoop loop, String database, Map<String, String> parameters) {
    Promise<BackendSession> ready = loop.newPromise();
    BackendStartupHandler login = new BackendStartupHandler(config.user(), password, database, parameters, ready);
    bootstrap(loop, new PgBackendInitializer(maxMessageBytes, login)).addListener((ChannelFutureListener) f -> {
      if (!f.isSuccess()) {
        ready.tryFailure(new BackendUnavailableException(
            "cannot connect to " + config.host() + ":" + config.port(), null, f.cause()));
      }
    });
    return ready;
  }

  /** Sends a CancelRequest with the backend's own key over a new connection, as the protocol wants. */
  void cancel(EventLoop loop, BackendKeyData backendKey) {
    bootstrap(loop, new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        ch.pipeline().addLast("encoder", PgMessageEncoder.INSTANCE);
      }
    }).addListener((ChannelFutureListener) f -> {
      if (f.isSuccess()) {
        f.channel().writeAndFlush(new CancelRequest(backendKey.processId(), backendKey.secretKey()))
            .addListener(ChannelFutureListener.CLOSE);
      }
    });
  }

  private ChannelFuture bootstrap(EventLoop loop, ChannelInitializer<Channel> initializer) {
    return new Bootstrap()
        // Same loop as the agent channel: session state is touched by one thread only.
        .group(loop)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
        .handler(initializer)
        .connect(config.host(), config.port());
  }
}
