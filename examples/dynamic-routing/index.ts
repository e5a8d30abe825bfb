/**
 * One agent, a model per task: `dynamicModel` reads the task from the request context and picks a
 * model for it, on Mastra 1.x. With SYNTHETIC_API_KEY set it talks to Synthetic; without it, to
 * the bundled emulator.
 */
import { Agent } from "@mastra/core/agent";
import { RequestContext } from "@mastra/core/request-context";
import { createSynthetic, dynamicModel, estimateCost, type SyntheticModelId } from "../../src/index";
import { startSyntheticEmulator } from "../../src/testing/index";

const live = Boolean(process.env.SYNTHETIC_API_KEY);
const emulator = live ? undefined : await startSyntheticEmulator();
console.log(
  live
    ? "Using the Synthetic API (SYNTHETIC_API_KEY is set)."
    : `No SYNTHETIC_API_KEY set: using the bundled Synthetic emulator at ${emulator?.url}.`,
);
const synthetic = createSynthetic(emulator ? { baseURL: emulator.url, apiKey: "example-key" } : {});

type Task = "code" | "reasoning" | "chat";

/** Which model serves which task: a coder, a reasoning model, and a fast general one. */
const routes: Record<Task, SyntheticModelId> = {
  code: "hf:Qwen/Qwen3.8-27B",
  reasoning: "hf:zai-org/GLM-5.2",
  chat: "hf:zai-org/GLM-4.7-Flash",
};

/** A cheap keyword classifier; in a real app this may be a small model or the caller's choice. */
function classify(prompt: string): Task {
  if (/\b(code|function|typescript|bug|regex)\b/i.test(prompt)) return "code";
  if (/\b(prove|plan|why|compare|trade-?offs?)\b/i.test(prompt)) return "reasoning";
  return "chat";
}

const agent = new Agent({
  id: "router",
  name: "Router",
  instructions: "You are a helpful assistant. Be brief.",
  model: dynamicModel(({ requestContext }) => routes[(requestContext.task as Task | undefined) ?? "chat"], synthetic),
});

const prompts = [
  "Write a TypeScript function that reverses a string.",
  "Compare the trade-offs of SQL and NoSQL for an audit log.",
  "Say hello to the team.",
];

try {
  for (const prompt of prompts) {
    const task = classify(prompt);
    const requestContext = new RequestContext();
    requestContext.set("task", task);
    const result = await agent.generate(prompt, {
      requestContext,
      // Only the reasoning route takes an effort; the package drops it with a warning elsewhere.
      providerOptions: task === "reasoning" ? { synthetic: { reasoningEffort: "high" } } : undefined,
    });
    const cost = estimateCost(routes[task], result.usage);
    console.log(`[${task}] ${result.response.modelId} ($${cost?.total.toFixed(6) ?? "n/a"})`);
    console.log(`  ${result.text.replace(/\s+/g, " ").slice(0, 160)}`);
  }
} finally {
  await emulator?.close();
}
