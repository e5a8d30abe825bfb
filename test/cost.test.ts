/**
 * Cost: `providerMetadata.synthetic.cost` on every step of a real Mastra 1.x agent's tool loop
 * against the emulator, summing to `estimateCost` over the summed usage; cached prompt tokens
 * priced as the catalog says.
 */
import { readFileSync } from "node:fs";
import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { createTool } from "@mastra/core/tools";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { createSynthetic, estimateCost, getModelInfo, parseLiveModels, syntheticGateway } from "../src";
import type { SyntheticCost } from "../src/cost";
import { type SyntheticEmulator, startSyntheticEmulator } from "../src/testing";

const KEY = "sk-cost-test";
const MODEL = "hf:zai-org/GLM-4.6"; // $0.55 in / $2.19 out per 1M, no separate cache price
let emulator: SyntheticEmulator;

beforeAll(async () => {
  emulator = await startSyntheticEmulator({ apiKey: KEY });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.reset());

const calls: string[] = [];
const getWeather = createTool({
  id: "get_weather",
  description: "Current weather for a city",
  inputSchema: z.object({ city: z.string() }),
  execute: async (input) => {
    calls.push(input.city);
    return { city: input.city, forecast: "sunny, 24°C" };
  },
});

/** Three model calls: two tool rounds, then the answer; usage per call is scripted. */
function scriptToolLoop() {
  emulator.script(
    {
      toolCalls: [{ name: "get_weather", arguments: { city: "Paris" } }],
      usage: { promptTokens: 1200, completionTokens: 40, cachedTokens: 1000 },
    },
    {
      toolCalls: [{ name: "get_weather", arguments: { city: "Lyon" } }],
      usage: { promptTokens: 1350, completionTokens: 35, cachedTokens: 1200 },
    },
    { content: "Sunny in both Paris and Lyon.", usage: { promptTokens: 1500, completionTokens: 25 } },
  );
}
const expectedSteps = [
  { inputTokens: 1200, outputTokens: 40, cachedInputTokens: 1000 },
  { inputTokens: 1350, outputTokens: 35, cachedInputTokens: 1200 },
  { inputTokens: 1500, outputTokens: 25, cachedInputTokens: 0 },
];

type Step = {
  usage: { inputTokens?: number; outputTokens?: number; cachedInputTokens?: number };
  providerMetadata?: { synthetic?: { cost?: SyntheticCost } };
};

function checkSteps(steps: Step[], totalUsage: Step["usage"]) {
  expect(steps).toHaveLength(3);
  const costs = steps.map((step) => step.providerMetadata?.synthetic?.cost);
  steps.forEach((step, i) => {
    expect(step.usage).toMatchObject(expectedSteps[i] as object);
    // Each step's cost is its own usage at the catalog price; cached tokens at the input price here.
    expect(costs[i]).toEqual(estimateCost(MODEL, step.usage));
  });
  expect(costs[0]).toEqual({ input: 0.00066, output: 0.0000876, total: 0.0007476 });

  const sum = (key: keyof SyntheticCost) => costs.reduce((acc, cost) => acc + (cost?.[key] ?? 0), 0);
  const whole = estimateCost(MODEL, totalUsage);
  expect(totalUsage).toMatchObject({ inputTokens: 4050, outputTokens: 100, cachedInputTokens: 2200 });
  expect(whole).toEqual({ input: 0.0022275, output: 0.000219, total: 0.0024465 });
  for (const key of ["input", "output", "total"] as const) expect(sum(key)).toBeCloseTo(whole?.[key] ?? Number.NaN, 12);
}

describe("cost per step of a Mastra 1.x agent's tool loop", () => {
  it("agent.generate through the gateway: each step carries its cost, and they sum to the whole", async () => {
    calls.length = 0;
    const agent = new Agent({
      id: "weather",
      name: "weather",
      instructions: "Answer weather questions with the tool.",
      model: `synthetic/${MODEL}`,
      tools: { getWeather },
    });
    const mastra = new Mastra({
      agents: { agent },
      logger: false,
      gateways: { synthetic: syntheticGateway({ baseURL: emulator.url, apiKey: KEY, liveCatalog: false }) },
    });
    scriptToolLoop();
    const result = await mastra.getAgent("agent").generate("Weather in Paris and Lyon?", { maxSteps: 5 });
    expect(result.text).toBe("Sunny in both Paris and Lyon.");
    expect(calls).toEqual(["Paris", "Lyon"]);
    checkSteps(result.steps as Step[], result.totalUsage);
    // The result-level metadata is the last step's only: totals come from summing steps.
    expect(result.providerMetadata?.synthetic?.cost).toEqual(
      (result.steps.at(-1) as Step).providerMetadata?.synthetic?.cost,
    );
  });

  it("agent.stream with a provider model: the same per-step costs on the stream's steps", async () => {
    calls.length = 0;
    const synthetic = createSynthetic({ baseURL: emulator.url, apiKey: KEY });
    const agent = new Agent({
      id: "weather-stream",
      name: "weather-stream",
      instructions: "Answer weather questions with the tool.",
      model: synthetic(MODEL),
      tools: { getWeather },
    });
    scriptToolLoop();
    const stream = await agent.stream("Weather in Paris and Lyon?", { maxSteps: 5 });
    let text = "";
    for await (const delta of stream.textStream) text += delta;
    expect(text).toBe("Sunny in both Paris and Lyon.");
    checkSteps((await stream.steps) as Step[], await stream.totalUsage);
    const chat = emulator.requests.filter((r) => r.path.endsWith("/chat/completions"));
    expect(chat).toHaveLength(3);
    expect(chat.every((r) => (r.body as { stream?: boolean }).stream === true)).toBe(true);
  });
});

describe("estimateCost", () => {
  it("prices cached prompt tokens at the catalog's cacheRead price when it has one", () => {
    // DeepSeek-V3.2 in the saved /models response: $0.56 in, $0.056 cache reads, $1.68 out.
    const info = parseLiveModels(
      JSON.parse(readFileSync(new URL("./fixtures/models-response.json", import.meta.url), "utf8")),
    ).models.find((model) => model.id === "hf:deepseek-ai/DeepSeek-V3.2");
    expect(info?.cost.cacheRead).toBe(0.056);
    const cost = estimateCost(info ?? MODEL, { inputTokens: 1000, cachedInputTokens: 800, outputTokens: 100 });
    // (200 × 0.56 + 800 × 0.056) / 1M in, 100 × 1.68 / 1M out.
    expect(cost).toEqual({ input: 0.0001568, output: 0.000168, total: 0.0003248 });
  });

  it("prices cached tokens at the input price when the catalog has no cache price, and is undefined for unknown models", () => {
    expect(getModelInfo(MODEL)?.cost.cacheRead).toBeUndefined();
    expect(estimateCost(MODEL, { inputTokens: 1000, cachedInputTokens: 1000 })).toEqual(
      estimateCost(MODEL, { inputTokens: 1000 }),
    );
    expect(estimateCost("hf:someone/on-demand", { inputTokens: 1000 })).toBeUndefined();
  });
});
