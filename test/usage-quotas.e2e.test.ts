/** Token usage (cached prompt tokens included) and `x-synthetic-quotas`, in both modes and both Mastra lines. */

import { describe, expect, it } from "vitest";
import { createSynthetic, estimateCost } from "../src";
import { useEmulator } from "./support/emulator";
import { mastraLines } from "./support/mastra-lines";

const quotas = {
  subscription: { limit: 135, requests: 12, renewsAt: "2026-11-26T12:00:00.000Z" },
  freeToolCalls: { limit: 500, requests: 3.5, renewsAt: "2026-11-27T00:00:00.000Z" },
};
const fixture = useEmulator({ quotas, quotasHeader: true });

const MODEL = "hf:zai-org/GLM-5.2";
const usage = { promptTokens: 1200, completionTokens: 300, cachedTokens: 1000 };
const expectedCost = estimateCost(MODEL, { inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1000 });

describe.each(mastraLines)("Mastra $name", (line) => {
  const agent = () =>
    new line.Agent({
      name: "u",
      instructions: "x",
      model: createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k" })(MODEL),
    });

  it("generate: usage with cached tokens, cost and quotas in providerMetadata.synthetic", async () => {
    fixture.emulator.script({ content: "ok", usage });
    const result = await agent().generate("hi");
    expect(result.usage).toMatchObject({
      inputTokens: 1200,
      outputTokens: 300,
      totalTokens: 1500,
      cachedInputTokens: 1000,
    });
    expect(result.providerMetadata?.synthetic).toEqual({ cost: expectedCost, quotas });
  });

  it("stream: the same on the finish, from the usage chunk", async () => {
    fixture.emulator.script({ content: "ok", usage });
    const stream = await agent().stream("hi");
    for await (const _ of stream.textStream) {
      // drain
    }
    expect(await stream.usage).toMatchObject({ inputTokens: 1200, outputTokens: 300, cachedInputTokens: 1000 });
    expect((await stream.providerMetadata)?.synthetic).toEqual({ cost: expectedCost, quotas });
  });
});

it("prices cached prompt tokens at the catalog's cache price", () => {
  const glm = estimateCost(MODEL, { inputTokens: 1_000_000, outputTokens: 1_000_000 });
  expect(glm).toEqual({ input: 1, output: 3, total: 4 });
  const cacheRead = estimateCost(
    {
      id: "hf:x/y",
      name: "y",
      kind: "chat",
      contextWindow: 1,
      tools: false,
      reasoning: false,
      reasoningFormat: null,
      reasoningReplay: false,
      input: ["text"],
      structuredOutputs: false,
      cost: { input: 1, output: 2, cacheRead: 0.1 },
    },
    { inputTokens: 1_000_000, cachedInputTokens: 500_000, outputTokens: 0 },
  );
  expect(cacheRead).toEqual({ input: 0.55, output: 0, total: 0.55 });
  expect(estimateCost("hf:unknown/model", { inputTokens: 1 })).toBeUndefined();
});
