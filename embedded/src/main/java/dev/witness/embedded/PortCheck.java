package dev.witness.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Fails early, naming the port and its user, when a port Witness needs is taken. */
public final class PortCheck {

  private PortCheck() {}

  /** Throws {@link PortInUseException} if {@code host:port} cannot be bound. */
  public static void requireFree(String host, int port, String purpose) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
    } catch (IOException e) {
      throw new PortInUseException(host, port, purpose);
    }
  }
}
