package dev.witness.proxy.pg.message;

/** The peer broke the protocol (unknown type, bad length, truncated body): the connection is closed. */
public final class PgProtocolException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public PgProtocolException(String message) {
    super(message);
  }

  public PgProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
