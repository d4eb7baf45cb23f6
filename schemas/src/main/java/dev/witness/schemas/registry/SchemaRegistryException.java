package dev.witness.schemas.registry;

/** A registry call failed; {@link #errorCode()} is the Confluent error code (e.g. 40401) or -1. */
public class SchemaRegistryException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int errorCode;

  public SchemaRegistryException(int errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public SchemaRegistryException(String message, Throwable cause) {
    super(message, cause);
    this.errorCode = -1;
  }

  public int errorCode() {
    return errorCode;
  }
}
