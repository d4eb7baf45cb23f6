package dev.witness.proxy;

import java.net.InetSocketAddress;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A protocol listener that serves agents on its own {@link AgentServer}: its address is the
 * server's, and closing it closes the server and logs that the protocol's proxy stopped.
 */
public abstract class AgentServerListener implements ProxyListener {

  /** The most agent sessions a listener numbers events for at once. */
  protected static final int MAX_SESSIONS = 100_000;
  /** How long a listener waits for its upstream (backend or route target) to accept a connection. */
  protected static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Logger log = LoggerFactory.getLogger(getClass());
  private final AgentServer server;
  private final String protocol;

  /** {@code protocol} names the listener in its log lines, e.g. {@code http}. */
  protected AgentServerListener(AgentServer server, String protocol) {
    this.server = server;
    this.protocol = protocol;
  }

  @Override
  public final InetSocketAddress address() {
    return server.address();
  }

  /** Stops accepting, closes every connection and waits briefly for the event loops to stop. */
  @Override
  public final void close() {
    server.close();
    log.info("{} proxy stopped", protocol);
  }
}
