package dev.witness.proxy.http.mcp;

/** The agent sent something that is not one valid JSON-RPC 2.0 message; carries the answer. */
public final class InvalidJsonRpcException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient JsonRpcError error;

  public InvalidJsonRpcException(JsonRpcError error) {
    super(error.message());
    this.error = error;
  }

  public JsonRpcError error() {
    return error;
  }
}
