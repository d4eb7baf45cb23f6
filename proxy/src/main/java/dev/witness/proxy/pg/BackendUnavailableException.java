package dev.witness.proxy.pg;

import dev.witness.proxy.pg.message.ErrorMessages.ErrorResponse;

/** Witness could not open its session with the backend; {@code backendError} is the backend's own refusal, if any. */
final class BackendUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ErrorResponse backendError;

  BackendUnavailableException(String message, ErrorResponse backendError, Throwable cause) {
    super(message, cause);
    this.backendError = backendError;
  }

  ErrorResponse backendError() {
    return backendError;
  }
}
