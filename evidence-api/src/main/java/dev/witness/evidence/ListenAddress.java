package dev.witness.evidence;

/** A {@code host:port} to bind, as written in {@code evidence.listen}; port 0 picks a free one. */
public record ListenAddress(String host, int port) {

  /** Parses {@code host:port} or {@code [ipv6]:port}; throws naming the setting on bad input. */
  public static ListenAddress parse(String listen) {
    int colon = listen == null ? -1 : listen.lastIndexOf(':');
    if (colon <= 0 || colon == listen.length() - 1) {
      throw new IllegalArgumentException("evidence.listen must be host:port, e.g. 127.0.0.1:8088; got '" + listen + "'");
    }
    String host = listen.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(listen.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("evidence.listen has an invalid port in '" + listen + "'; use 0-65535");
    }
    return new ListenAddress(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
