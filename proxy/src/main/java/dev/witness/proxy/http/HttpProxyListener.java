package dev.witness.proxy.http;

import dev.witness.proxy.AgentServer;
import dev.witness.proxy.AgentServerListener;
import dev.witness.proxy.WitnessGate;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.event.EventHeaderFactory;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.proxy.session.SessionSequences;
import dev.witness.schemas.config.ProxyConfig;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP proxy listener: binds {@code proxy.http.listen} and serves agents until closed. */
public final class HttpProxyListener extends AgentServerListener {

  private static final Logger LOG = LoggerFactory.getLogger(HttpProxyListener.class);

  private HttpProxyListener(AgentServer server) {
    super(server, "http");
  }

  /**
   * Starts the listener on {@code proxy.http().listen()} (port 0 picks a free port).
   *
   * @param proxy proxy settings; {@code replyPartition} must equal {@code replies.partition()}
   * @param authenticator the agents allowed in
   * @param publisher where events go (Kafka in production)
   * @param replies where verdicts and masked chunks come from
   */
  public static HttpProxyListener start(
      ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher, ReplyChannel replies) {
    return start(proxy, authenticator, publisher, replies, Clock.systemUTC());
  }

  /** Like {@link #start(ProxyConfig, AgentAuthenticator, EventPublisher, ReplyChannel)} on a given clock. */
  public static HttpProxyListener start(ProxyConfig proxy, AgentAuthenticator authenticator,
      EventPublisher publisher, ReplyChannel replies, Clock clock) {
    return start(proxy, services(proxy, authenticator, publisher, replies, clock, new NettyUpstreamConnector(CONNECT_TIMEOUT)));
  }

  static HttpProxyServices services(ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher,
      ReplyChannel replies, Clock clock, UpstreamConnector connector) {
    return services(proxy, HttpRoutes.of(proxy.http().routes()), authenticator, publisher, replies, clock, connector);
  }

  /** The services of an HTTP-framed listener forwarding {@code routes} through {@code connector}. */
  static HttpProxyServices services(ProxyConfig proxy, HttpRoutes routes, AgentAuthenticator authenticator,
      EventPublisher publisher, ReplyChannel replies, Clock clock, UpstreamConnector connector) {
    EventHeaderFactory ids = EventHeaderFactory.withClock(clock);
    return new HttpProxyServices(proxy, routes, authenticator,
        WitnessGate.forProxy(proxy, publisher, replies), ids, new HttpEventFactory(ids),
        new SessionSequences(MAX_SESSIONS), connector);
  }

  private static HttpProxyListener start(ProxyConfig proxy, HttpProxyServices services) {
    AgentServer server = AgentServer.bind("proxy.http.listen", proxy.http().listen(), "127.0.0.1:8080", "witness-http", new HttpProxyInitializer(services));
    HttpProxyListener listener = new HttpProxyListener(server);
    LOG.info("http proxy listening address={} routes={} replyPartition={}",
        listener.address(), services.routes().all().size(), proxy.replyPartition());
    return listener;
  }
}
