package dev.witness.proxy.http;

import dev.witness.proxy.ProxyFrontend;
import dev.witness.proxy.ProxyListener;
import dev.witness.proxy.auth.AgentAuthenticator;
import dev.witness.proxy.publish.EventPublisher;
import dev.witness.proxy.publish.ReplyChannel;
import dev.witness.schemas.config.ProxyConfig;
import java.time.Clock;

/** The HTTP protocol frontend ({@code proxy.http}), registered as {@code http}. */
public final class HttpFrontend implements ProxyFrontend {

  @Override
  public String name() {
    return "http";
  }

  @Override
  public ProxyListener start(ProxyConfig proxy, AgentAuthenticator authenticator, EventPublisher publisher,
      ReplyChannel replies, Clock clock) {
    return HttpProxyListener.start(proxy, authenticator, publisher, replies, clock);
  }
}
