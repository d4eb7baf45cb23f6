package dev.witness.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/** Finds free loopback ports for servers that must know their port before they bind. */
public final class FreePorts {

  /**
   * Ports this JVM already handed out: servers started in parallel (standalone starts two
   * PostgreSQL servers at once) must never be given the same port before either binds it.
   */
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  /** Above the ports standalone listens on by default (8080, 8088, 15432, 16443). */
  static final int FLOOR = 20_000;

  /**
   * Where the OS's own port choices start (a server bound to port 0, a client's outgoing
   * connection): ports found below it are never taken by those between finding and binding.
   */
  static final int EPHEMERAL_LOW = ephemeralLow();

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

  /** A free port below the ephemeral range when there is room there, else one the OS picks. */
  private static int probe() {
    if (EPHEMERAL_LOW - FLOOR >= 1_000) {
      for (int attempt = 0; attempt < 64; attempt++) {
        int candidate = ThreadLocalRandom.current().nextInt(FLOOR, EPHEMERAL_LOW);
        if (bindable(candidate)) {
          return candidate;
        }
      }
    }
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free loopback port", e);
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  /** The low end of Linux's {@code ip_local_port_range}; elsewhere the IANA dynamic range's 49152. */
  private static int ephemeralLow() {
    try {
      // Line by line: a size-hinted read of a /proc file can come back cut short.
      String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException notLinux) {
      return 49_152;
    }
  }
}
