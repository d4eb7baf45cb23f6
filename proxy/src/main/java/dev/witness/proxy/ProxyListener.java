package dev.witness.proxy;

import java.net.InetSocketAddress;

/** A running protocol listener of the proxy; closing it stops accepting and closes its connections. */
public interface ProxyListener extends AutoCloseable {

  InetSocketAddress address();

  /** The bound port (useful when the configured port was 0). */
  default int port() {
    return address().getPort();
  }

  @Override
  void close();
}
