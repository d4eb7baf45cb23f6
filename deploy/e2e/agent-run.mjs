// Runs an agent built with the OpenAI Agents SDK (@openai/agents) entirely through Witness: its
// model calls go to Witness's OpenAI route, its MCP tools come from Witness's MCP route, and its
// SQL tool connects through Witness's PostgreSQL proxy. The agent's only credential is its Witness
// token; every HTTP request names the same X-Witness-Session and every call states the purpose.
// Prints what the agent saw as one JSON line: tool calls, tool outputs and the final answer.
// Usage: node agent-run.mjs <openai-base-url> <mcp-url> <pg-host> <pg-port> <witness-token> <session> <purpose>
import { Agent, MCPServerStreamableHttp, run, setDefaultOpenAIClient, setTracingDisabled, tool } from "@openai/agents";
import OpenAI from "openai";
import pg from "pg";
import { z } from "zod";

const [baseURL, mcpUrl, pgHost, pgPort, token, session, purpose] = process.argv.slice(2);
if (!purpose) {
  console.error("usage: node agent-run.mjs <openai-base-url> <mcp-url> <pg-host> <pg-port> <witness-token> <session> <purpose>");
  process.exit(2);
}

// Traces would go to OpenAI's cloud; the evidence Witness records is the trace here.
setTracingDisabled(true);
const witnessHeaders = { "X-Witness-Session": session, "X-Witness-Purpose": purpose };
// The API key is the Witness token; Witness swaps in the real key towards the model provider.
setDefaultOpenAIClient(new OpenAI({ baseURL, apiKey: token, defaultHeaders: witnessHeaders, maxRetries: 0 }));

const crm = new MCPServerStreamableHttp({
  name: "crm",
  url: mcpUrl,
  cacheToolsList: true,
  requestInit: { headers: { Authorization: `Bearer ${token}`, ...witnessHeaders } },
});

const runSql = tool({
  name: "run_sql",
  description: "Run one read-only SQL query on the customer database and return the rows as JSON",
  parameters: z.object({ query: z.string() }),
  execute: async ({ query }, _context, details) => {
    // The SQL connection joins the agent's Witness session and names the model's tool call, so the
    // evidence shows model call -> tool call -> SQL -> result as one chain (psql: PGOPTIONS).
    const witnessOptions = [`-c witness.session=${session}`, `-c witness.purpose=${purpose.replaceAll(" ", "\\ ")}`];
    if (details?.toolCall?.callId) {
      witnessOptions.push(`-c witness.tool_call_id=${details.toolCall.callId}`);
    }
    const client = new pg.Client({
      host: pgHost,
      port: Number(pgPort),
      user: "demo-agent",
      password: token,
      database: "demo",
      ssl: false,
      options: witnessOptions.join(" "),
    });
    await client.connect();
    try {
      return JSON.stringify((await client.query(query)).rows);
    } finally {
      await client.end();
    }
  },
});

const report = { toolCalls: [], toolOutputs: [], finalOutput: null };
await crm.connect();
try {
  const agent = new Agent({
    name: "support-agent",
    model: "gpt-test",
    instructions: "Answer questions about customers with the crm tools and run_sql.",
    tools: [runSql],
    mcpServers: [crm],
  });
  const result = await run(agent, "Where does customer 10 live, and how many orders do they have?", { stream: true });
  for await (const event of result) {
    if (event.type !== "run_item_stream_event") continue;
    const raw = event.item.rawItem;
    if (event.name === "tool_called") {
      report.toolCalls.push({ callId: raw.callId, name: raw.name, arguments: raw.arguments });
    } else if (event.name === "tool_output") {
      report.toolOutputs.push({ callId: raw.callId, output: event.item.output });
    }
  }
  await result.completed;
  report.finalOutput = result.finalOutput;
} finally {
  await crm.close().catch(() => {});
}
console.log(JSON.stringify(report));
