package dev.witness.schemas.registry;

/**
 * The Confluent Schema Registry error codes Witness produces and understands. A code of five
 * digits carries its HTTP status in the first three ({@code 40401} is a 404).
 */
public final class RegistryErrorCode {

  public static final int SUBJECT_NOT_FOUND = 40401;
  public static final int VERSION_NOT_FOUND = 40402;
  public static final int SCHEMA_NOT_FOUND = 40403;
  public static final int INCOMPATIBLE_SCHEMA = 409;
  public static final int INVALID_SCHEMA = 42201;
  public static final int INVALID_VERSION = 42202;
  public static final int INVALID_COMPATIBILITY_LEVEL = 42203;
  public static final int STORE_ERROR = 50001;
  public static final int OPERATION_TIMEOUT = 50002;

  private RegistryErrorCode() {}

  /** The HTTP status a registry answers with for {@code errorCode}. */
  public static int httpStatus(int errorCode) {
    return errorCode >= 10_000 ? errorCode / 100 : errorCode;
  }
}
