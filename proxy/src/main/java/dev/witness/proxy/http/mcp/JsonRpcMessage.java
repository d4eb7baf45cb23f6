package dev.witness.proxy.http.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * One JSON-RPC 2.0 message an MCP client posted: a request, a notification (no id) or a response
 * to a server request (no method). Parsing is strict about the envelope only; params are kept as
 * JSON text for the evidence and the policy.
 *
 * @param method the method, e.g. {@code tools/call}; for a response to the server, {@code "response"}
 * @param idJson the id as JSON text, or null for a notification
 * @param paramsJson the params object as JSON text, or null
 * @param toolName {@code params.name} of a {@code tools/call}, else null
 * @param argumentsJson {@code params.arguments} of a {@code tools/call}, else the params, or null
 */
public record JsonRpcMessage(String method, String idJson, String paramsJson, String toolName, String argumentsJson) {

  /** Recorded as the method of a client's response to a server request (it has none). */
  public static final String RESPONSE = "response";
  public static final String TOOLS_CALL = "tools/call";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads one message from a POST body; throws {@link InvalidJsonRpcException} with the answer. */
  public static JsonRpcMessage parse(byte[] body) {
    JsonNode root;
    try {
      root = body == null || body.length == 0 ? null : JSON.readTree(body);
    } catch (IOException e) {
      throw invalid(null, JsonRpcError.PARSE_ERROR, "Parse error: the body is not valid JSON");
    }
    if (root == null || root.isMissingNode()) {
      throw invalid(null, JsonRpcError.PARSE_ERROR, "Parse error: the body is empty");
    }
    if (root.isArray()) {
      throw invalid(null, JsonRpcError.INVALID_REQUEST, "Invalid Request: batches are not supported");
    }
    if (!root.isObject()) {
      throw invalid(null, JsonRpcError.INVALID_REQUEST, "Invalid Request: a JSON-RPC message is an object");
    }
    JsonNode id = root.get("id");
    String idJson = id == null || id.isNull() ? null : text(id);
    if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
      throw invalid(null, JsonRpcError.INVALID_REQUEST, "Invalid Request: id must be a string or an integer");
    }
    if (!"2.0".equals(root.path("jsonrpc").asText(null))) {
      throw invalid(idJson, JsonRpcError.INVALID_REQUEST, "Invalid Request: jsonrpc must be \"2.0\"");
    }
    JsonNode method = root.get("method");
    if (method == null) {
      if (idJson != null && (root.has("result") || root.has("error"))) {
        return new JsonRpcMessage(RESPONSE, idJson, null, null, null);
      }
      throw invalid(idJson, JsonRpcError.INVALID_REQUEST, "Invalid Request: method is missing");
    }
    if (!method.isTextual() || method.textValue().isEmpty()) {
      throw invalid(idJson, JsonRpcError.INVALID_REQUEST, "Invalid Request: method must be a non-empty string");
    }
    JsonNode params = root.get("params");
    if (params != null && !(params.isObject() || params.isArray())) {
      throw invalid(idJson, JsonRpcError.INVALID_REQUEST, "Invalid Request: params must be an object or an array");
    }
    String paramsJson = params == null ? null : text(params);
    String toolName = null;
    String argumentsJson = paramsJson;
    if (TOOLS_CALL.equals(method.textValue())) {
      JsonNode name = params == null ? null : params.get("name");
      if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
        throw invalid(idJson, JsonRpcError.INVALID_REQUEST, "Invalid Request: tools/call needs params.name");
      }
      toolName = name.textValue();
      JsonNode arguments = params.get("arguments");
      argumentsJson = arguments == null || arguments.isNull() ? null : text(arguments);
    }
    return new JsonRpcMessage(method.textValue(), idJson, paramsJson, toolName, argumentsJson);
  }

  private static InvalidJsonRpcException invalid(String idJson, int code, String message) {
    return new InvalidJsonRpcException(new JsonRpcError(idJson, code, message, 400));
  }

  private static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
