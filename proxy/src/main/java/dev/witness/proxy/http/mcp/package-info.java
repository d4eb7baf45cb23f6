/**
 * The MCP dialect of the HTTP proxy (streamable HTTP transport): each POSTed JSON-RPC message is
 * recorded as an {@code McpRequest} and gated; refusals and malformed messages are answered with
 * JSON-RPC errors. Responses (JSON or SSE) go through the ordinary masked response relay.
 */
package dev.witness.proxy.http.mcp;
