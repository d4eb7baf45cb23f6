package dev.witness.proxy.http.mcp;

import dev.witness.schemas.event.McpRequest;

/** Builds the recorded {@code McpRequest} body of a JSON-RPC message. */
public final class McpRequests {

  /** The header carrying the session the MCP server assigned (streamable HTTP transport). */
  public static final String SESSION_HEADER = "mcp-session-id";

  /** MCP session ids are visible ASCII (MCP 2025-06-18); the length bound keeps Kafka keys small. */
  private static final java.util.regex.Pattern SESSION_ID = java.util.regex.Pattern.compile("[\\x21-\\x7E]{1,128}");

  private McpRequests() {}

  /**
   * The Witness session of requests carrying {@code mcpSessionId}: {@code mcp:<id>}, or null when
   * absent or not a valid MCP session id (the connection is the session then).
   */
  public static String sessionKey(String mcpSessionId) {
    if (mcpSessionId == null || !SESSION_ID.matcher(mcpSessionId.strip()).matches()) {
      return null;
    }
    return "mcp:" + mcpSessionId.strip();
  }

  /**
   * The request derived from the result of the tools/list {@code message}: the names the server
   * listed, for the verdict topology to decide which the agent may see.
   */
  public static McpRequest listed(JsonRpcMessage message, String mcpSessionId, java.util.List<String> toolNames) {
    return McpRequest.newBuilder()
        .setMethod(message.method())
        .setToolName(null)
        .setArguments(null)
        .setJsonRpcId(message.idJson())
        .setMcpSessionId(mcpSessionId)
        .setListedTools(java.util.List.copyOf(toolNames))
        .build();
  }

  /** {@code arguments} holds the tool arguments of a tools/call, else the params. */
  public static McpRequest of(JsonRpcMessage message, String mcpSessionId) {
    return McpRequest.newBuilder()
        .setMethod(message.method())
        .setToolName(message.toolName())
        .setArguments(message.argumentsJson())
        .setJsonRpcId(message.idJson())
        .setMcpSessionId(mcpSessionId)
        .build();
  }
}
