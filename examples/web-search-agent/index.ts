/**
 * A research agent that searches the web with Synthetic's `/v2/search` before it answers, on
 * Mastra 1.x. With SYNTHETIC_API_KEY set it talks to Synthetic (web search needs a subscription);
 * without it, to the bundled emulator, scripted to search and to answer from the results.
 */
import { Agent } from "@mastra/core/agent";
import { createSynthetic } from "../../src/index";
import { startSyntheticEmulator } from "../../src/testing/index";

const live = Boolean(process.env.SYNTHETIC_API_KEY);
const emulator = live ? undefined : await startSyntheticEmulator();
console.log(
  live
    ? "Using the Synthetic API (SYNTHETIC_API_KEY is set)."
    : `No SYNTHETIC_API_KEY set: using the bundled Synthetic emulator at ${emulator?.url}.`,
);

const synthetic = createSynthetic(emulator ? { baseURL: emulator.url, apiKey: "example-key" } : {});
const question = "What does Mastra's agent memory store, in one sentence?";

if (emulator) {
  // What Synthetic would return for the query, and what a model would do: search, then answer.
  emulator.scriptSearch({
    results: [
      {
        url: "https://mastra.ai/docs/memory/overview",
        title: "Memory overview | Mastra Docs",
        text: "Memory lets agents keep conversation history, working memory and semantic recall across threads.",
        published: "2026-10-14T00:00:00.000Z",
      },
    ],
  });
  emulator.script(
    { toolCalls: [{ name: "webSearch", arguments: { query: "Mastra agent memory" } }] },
    {
      content:
        "Mastra's agent memory keeps conversation history, working memory and semantic recall across threads (https://mastra.ai/docs/memory/overview).",
    },
  );
}

const researcher = new Agent({
  id: "researcher",
  name: "Researcher",
  instructions: "Search the web before you answer. Answer in one sentence and cite the URL you used.",
  model: synthetic("hf:zai-org/GLM-5.2"),
  tools: { webSearch: synthetic.tools.webSearch({ maxResults: 3 }) },
});

try {
  console.log(`user: ${question}`);
  const result = await researcher.generate(question, { maxSteps: 3 });
  for (const step of result.steps) {
    for (const call of step.toolCalls) console.log(`  searched: ${JSON.stringify(call.payload.args)}`);
    for (const toolResult of step.toolResults) {
      const { results } = toolResult.payload.result as { results: { title: string; url: string }[] };
      for (const { title, url } of results) console.log(`  found: ${title} <${url}>`);
    }
  }
  console.log(`agent: ${result.text}`);
} finally {
  await emulator?.close();
}
