// A small MCP server on the streamable HTTP transport, written with the official MCP TypeScript
// SDK: one tool, lookup_customer, that answers with the customer record the test gives it (which
// holds personal data Witness must mask). Prints {"port":N} once listening.
// Usage: CUSTOMER_JSON='{"id":10,...}' node mcp-server.mjs
import http from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

const customer = JSON.parse(process.env.CUSTOMER_JSON ?? "{}");

function newServer() {
  const server = new McpServer({ name: "witness-e2e-crm", version: "1.0.0" });
  server.registerTool(
    "lookup_customer",
    { description: "Look up a customer by id", inputSchema: { id: z.number().int() } },
    async ({ id }) => ({
      content: [{ type: "text", text: JSON.stringify(id === customer.id ? customer : { id, found: false }) }],
    }),
  );
  return server;
}

// Stateless: each POST gets a fresh server and transport, as the SDK documents for simple servers.
const httpServer = http.createServer(async (req, res) => {
  if (req.method !== "POST") {
    res.writeHead(405, { "Content-Type": "application/json" }).end(
      JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed" }, id: null }));
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const server = newServer();
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
  res.on("close", () => {
    transport.close();
    server.close();
  });
  await server.connect(transport);
  await transport.handleRequest(req, res, body);
});
httpServer.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: httpServer.address().port }));
});
