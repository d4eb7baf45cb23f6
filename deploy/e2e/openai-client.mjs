// Streams a Chat Completion through Witness with the official OpenAI Node SDK and prints what the
// client assembled as JSON: the text, the tool call ids, the token usage and the event count.
// Usage: node openai-client.mjs <base-url> <witness-token> <witness-session>
import OpenAI from "openai";

const [baseURL, token, session] = process.argv.slice(2);
if (!session) {
  console.error("usage: node openai-client.mjs <base-url> <witness-token> <witness-session>");
  process.exit(2);
}

// The agent's API key is its Witness token; Witness swaps in the real key towards the upstream.
const openai = new OpenAI({ baseURL, apiKey: token, defaultHeaders: { "X-Witness-Session": session }, maxRetries: 0 });
const stream = await openai.chat.completions.create({
  model: "gpt-test",
  stream: true,
  stream_options: { include_usage: true },
  messages: [{ role: "user", content: "What is the SSN of customer 42?" }],
});
const report = { text: "", toolCallIds: [], usage: null, events: 0 };
for await (const chunk of stream) {
  report.events++;
  for (const choice of chunk.choices) {
    report.text += choice.delta?.content ?? "";
    for (const call of choice.delta?.tool_calls ?? []) {
      if (call.id) report.toolCallIds.push(call.id);
    }
  }
  if (chunk.usage) report.usage = chunk.usage;
}
console.log(JSON.stringify(report));
