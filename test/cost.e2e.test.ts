/**
 * Cost: `providerMetadata.synthetic.cost` on every step of a real Mastra 1.x agent's tool loop
 * against the emulator, summing to `estimateCost` over the summed usage; cached prompt tokens
 * priced as the catalog says; live prices for models only the live list has.
 */

import { Mastra } from "@mastra/core";
import { Agent } from "@mastra/core/agent";
import { createTool } from "@mastra/core/tools";
import { describe, expect, it } from "vitest";
import { z } from "zod/v4";
import { createSynthetic, estimateCost, getModelInfo, parseLiveModels, syntheticGateway } from "../src";
import type { SyntheticCost } from "../src/cost";
import { useEmulator } from "./support/emulator";

const KEY = "sk-cost-test";
const MODEL = "hf:zai-org/GLM-5.3-Flash"; // $0.15 in / $0.50 out / $0.04 cache reads per 1M
const fixture = useEmulator({ apiKey: KEY });

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
  fixture.emulator.script(
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
    // Each step's cost is its own usage at the catalog price; cached tokens at the cache-read price.
    expect(costs[i]).toEqual(estimateCost(MODEL, step.usage));
  });
  // (200 × 0.15 + 1000 cached × 0.04) / 1M in, 40 × 0.50 / 1M out.
  expect(costs[0]).toEqual({ input: 0.00007, output: 0.00002, total: 0.00009 });

  const sum = (key: keyof SyntheticCost) => costs.reduce((acc, cost) => acc + (cost?.[key] ?? 0), 0);
  const whole = estimateCost(MODEL, totalUsage);
  expect(totalUsage).toMatchObject({ inputTokens: 4050, outputTokens: 100, cachedInputTokens: 2200 });
  expect(whole).toEqual({ input: 0.0003655, output: 0.00005, total: 0.0004155 });
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
      gateways: { synthetic: syntheticGateway({ baseURL: fixture.emulator.url, apiKey: KEY, liveCatalog: false }) },
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
    const synthetic = createSynthetic({ baseURL: fixture.emulator.url, apiKey: KEY });
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
    const chat = fixture.emulator.requests.filter((r) => r.path.endsWith("/chat/completions"));
    expect(chat).toHaveLength(3);
    expect(chat.every((r) => (r.body as { stream?: boolean }).stream === true)).toBe(true);
  });
});

describe("estimateCost", () => {
  it("prices cached prompt tokens at the catalog's cacheRead price when it has one", () => {
    expect(getModelInfo(MODEL)?.cost?.cacheRead).toBe(0.04);
    // (200 × 0.15 + 800 × 0.04) / 1M in, 100 × 0.50 / 1M out.
    expect(estimateCost(MODEL, { inputTokens: 1000, cachedInputTokens: 800, outputTokens: 100 })).toEqual({
      input: 0.000062,
      output: 0.00005,
      total: 0.000112,
    });
  });

  it("prices cached tokens at the input price when the catalog has no cache price, and is undefined for unknown models", () => {
    const nemotron = "hf:nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-NVFP4";
    expect(getModelInfo(nemotron)?.cost).toEqual({ input: 0.3, output: 1 });
    expect(estimateCost(nemotron, { inputTokens: 1000, cachedInputTokens: 1000 })).toEqual(
      estimateCost(nemotron, { inputTokens: 1000 }),
    );
    expect(estimateCost("hf:someone/on-demand", { inputTokens: 1000 })).toBeUndefined();
  });

  it("prices a model only the live list has from its live entry, and never prices an unknown price as 0", () => {
    const { models } = parseLiveModels({
      data: [
        {
          id: "hf:newlab/Fresh-1",
          context_length: 131072,
          pricing: { prompt: "$0.00000056", completion: "$0.00000168", input_cache_reads: "$0.000000056" },
        },
        { id: "hf:newlab/Unpriced", context_length: 131072 },
      ],
    });
    const [fresh, unpriced] = models;
    // (200 × 0.56 + 800 × 0.056) / 1M in, 100 × 1.68 / 1M out.
    expect(estimateCost(fresh ?? MODEL, { inputTokens: 1000, cachedInputTokens: 800, outputTokens: 100 })).toEqual({
      input: 0.0001568,
      output: 0.000168,
      total: 0.0003248,
    });
    expect(unpriced?.cost).toBeUndefined();
    expect(estimateCost(unpriced ?? MODEL, { inputTokens: 1000 })).toBeUndefined();
  });
});
