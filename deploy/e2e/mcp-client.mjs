// Drives an MCP server through Witness with the official MCP TypeScript SDK (streamable HTTP):
// lists the tools, calls an allowed one and a denied one, and prints what the client saw as JSON.
// Usage: node mcp-client.mjs <url> <witness-token> <allowed-tool> <denied-tool> [allowed-arguments-json]
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [url, token, allowedTool, deniedTool, allowedArguments] = process.argv.slice(2);
const allowedArgs = allowedArguments ? JSON.parse(allowedArguments) : { id: 42 };
if (!deniedTool) {
  console.error("usage: node mcp-client.mjs <url> <witness-token> <allowed-tool> <denied-tool>");
  process.exit(2);
}

const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}`, "X-Witness-Purpose": "e2e: MCP SDK client" } },
});
const client = new Client({ name: "witness-e2e", version: "1.0.0" });
const report = {};
try {
  await client.connect(transport);
  report.sessionId = transport.sessionId ?? null;
  report.tools = (await client.listTools()).tools.map((t) => t.name);
  report.allowed = await client.callTool({ name: allowedTool, arguments: allowedArgs });
  try {
    report.denied = { result: await client.callTool({ name: deniedTool, arguments: { id: 42 } }) };
  } catch (e) {
    report.denied = { error: { code: e.code ?? null, message: String(e.message) } };
  }
} finally {
  await client.close().catch(() => {});
}
console.log(JSON.stringify(report));
