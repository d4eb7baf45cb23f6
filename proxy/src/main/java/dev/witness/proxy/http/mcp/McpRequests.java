package dev.witness.proxy.http.mcp;

import dev.witness.schemas.event.McpRequest;

/** Builds the recorded {@code McpRequest} body of a JSON-RPC message. */
public final class McpRequests {

  /** The header carrying the session the MCP server assigned (streamable HTTP transport). */
  public static final String SESSION_HEADER = "mcp-session-id";

  private McpRequests() {}

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
