package dev.witness.proxy;

import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.ProxyConfig;
import java.time.Clock;

/**
 * One protocol the proxy speaks to agents (http, postgres...). Implementations are registered by
 * name through {@link java.util.ServiceLoader}, so shared code never imports a protocol package.
 */
public interface ProxyFrontend {

  /** The registered name, e.g. {@code postgres}. */
  String name();

  /** Starts this protocol's listener from its section of {@code proxy}; all protocols share the other arguments. */
  ProxyListener start(ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher,
      ReplyChannel replies, Clock clock);
}
