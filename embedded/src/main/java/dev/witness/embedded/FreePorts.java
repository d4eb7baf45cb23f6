package dev.witness.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Finds free loopback ports for servers that must know their port before they bind. */
public final class FreePorts {

  /**
   * Ports this JVM already handed out: servers started in parallel (standalone starts two
   * PostgreSQL servers at once) must never be given the same port before either binds it.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port that was free on 127.0.0.1 a moment ago and that this JVM has not handed out before. */
  public static int find() {
    for (int attempt = 0; attempt < 64; attempt++) {
      int port = probe();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    return probe();
  }

  /**
   * A port found by {@link #find()} that can still be bound right now: another process's
   * ephemeral connection may take a found port before the server binds it, so a taken one is
   * replaced rather than reported.
   */
  public static int findBindable(String purpose) {
    PortInUseException last = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      int candidate = find();
      try {
        PortCheck.requireFree("127.0.0.1", candidate, purpose);
        return candidate;
      } catch (PortInUseException takenMeanwhile) {
        last = takenMeanwhile;
      }
    }
    throw last;
  }

  private static int probe() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }
}
