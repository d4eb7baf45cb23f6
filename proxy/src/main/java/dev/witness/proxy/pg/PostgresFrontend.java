package dev.witness.proxy.pg;

import dev.witness.proxy.ProxyFrontend;
import dev.witness.proxy.ProxyListener;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.ProxyConfig;
import java.time.Clock;

/** The PostgreSQL protocol frontend ({@code proxy.postgres}), registered as {@code postgres}. */
public final class PostgresFrontend implements ProxyFrontend {

  @Override
  public String name() {
    return "postgres";
  }

  @Override
  public ProxyListener start(ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher,
      ReplyChannel replies, Clock clock) {
    return PostgresProxyListener.start(proxy, authenticator, publisher, replies, clock);
  }
}
