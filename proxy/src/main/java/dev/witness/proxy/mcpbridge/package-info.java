/**
 * {@code witness mcp-bridge}: a stdio MCP server run as a child process, exposed on the MCP
 * streamable HTTP transport so a {@code dialect: mcp} route of the HTTP proxy can front it.
 */
package dev.witness.proxy.mcpbridge;
