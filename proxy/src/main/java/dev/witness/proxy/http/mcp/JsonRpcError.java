package dev.witness.proxy.http.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A JSON-RPC 2.0 error the proxy answers with itself, instead of forwarding: malformed messages
 * (HTTP 400) and requests the policy refused (HTTP 200, as a tool error the agent can read).
 *
 * @param idJson the id of the request it answers as JSON text ({@code "7"}, {@code "\"a\""}), or
 *     {@code null} when the request had none or could not be read
 * @param code the JSON-RPC error code
 * @param message a sentence for the agent
 * @param httpStatus the HTTP status of the response carrying it
 */
public record JsonRpcError(String idJson, int code, String message, int httpStatus) {

  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  /** Denied by a policy rule (implementation-defined server error range). */
  public static final int DENIED = -32001;
  /** A human approval is required and was not (yet) given. */
  public static final int APPROVAL_REQUIRED = -32002;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The response body: {@code {"jsonrpc":"2.0","id":...,"error":{"code":...,"message":...}}}. */
  public byte[] toJson() {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("jsonrpc", "2.0");
    try {
      root.set("id", idJson == null ? JsonNodeFactory.instance.nullNode() : JSON.readTree(idJson));
      ObjectNode error = root.putObject("error");
      error.put("code", code);
      error.put("message", message);
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
