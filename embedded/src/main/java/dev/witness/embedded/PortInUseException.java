package dev.witness.embedded;

/** A port Witness needs is already in use. */
public final class PortInUseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int port;

  public PortInUseException(String host, int port, String purpose) {
    super("Port " + port + " on " + host + " is already in use (needed for " + purpose
        + "); stop the process using it (e.g. `ss -ltnp 'sport = :" + port + "'`) or choose another port");
    this.port = port;
  }

  public int port() {
    return port;
  }
}
