package dev.witness.proxy.pg;

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

/**
 * The PostgreSQL proxy listener: binds {@code proxy.postgres.listen} and relays agent sessions to
 * {@code proxy.postgres.backend}, recording and gating every statement, until closed.
 */
public final class PostgresProxyListener extends AgentServerListener {

  private static final Logger LOG = LoggerFactory.getLogger(PostgresProxyListener.class);

  private final StageTimings timings;

  private PostgresProxyListener(AgentServer server, StageTimings timings) {
    super(server, "postgres");
    this.timings = timings;
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
    EventHeaderFactory ids = EventHeaderFactory.withClock(clock);
    PgProxyServices services = new PgProxyServices(proxy, authenticator,
        WitnessGate.forProxy(proxy, publisher, replies), ids, new PgEventFactory(ids),
        new SessionSequences(MAX_SESSIONS),
        new BackendConnector(proxy.postgres().backend(), proxy.postgres().maxMessageBytes(), CONNECT_TIMEOUT),
        new CancelKeys(), PgTls.serverContext(proxy.postgres().tls()), new StageTimings());
    AgentServer server = AgentServer.bind("proxy.postgres.listen", proxy.postgres().listen(), "127.0.0.1:15432",
        "witness-pg", new PgProxyInitializer(services));
    PostgresProxyListener listener = new PostgresProxyListener(server, services.timings());
    LOG.info("postgres proxy listening address={} resource={} backend={}:{} tls={} replyPartition={}",
        listener.address(), proxy.postgres().resource(), proxy.postgres().backend().host(),
        proxy.postgres().backend().port(), services.tls() != null, proxy.replyPartition());
    return listener;
  }

  /** Where the time of this listener's statements went, per stage (for benchmarks and diagnostics). */
  public StageTimings stageTimings() {
    return timings;
  }
}
