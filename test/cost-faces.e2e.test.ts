/**
 * `estimateCost(id, result.usage)` prices cache reads the same on every AI SDK major: ai@5's
 * `cachedInputTokens`, ai@6's and ai@7's `inputTokenDetails.cacheReadTokens`, each from the real
 * `generateText` / `streamText` against the emulator, and the spec usage a V3/V4 model returns.
 */
import * as ai5 from "ai";
import * as ai6 from "ai-v6";
import * as ai7 from "ai-v7";
import { describe, expect, it } from "vitest";
import { createSynthetic as createV5, estimateCost } from "../src";
import { createSynthetic as createV6 } from "../src/ai-v6";
import { createSynthetic as createV7 } from "../src/ai-v7";
import { useEmulator } from "./support/emulator";

const KEY = "sk-cost-faces";
const MODEL = "hf:moonshotai/Kimi-K3"; // $3 in / $15 out / $0.45 cache reads per 1M
const fixture = useEmulator({ apiKey: KEY });
// A 90% cached prompt: 1,000 tokens, 900 of them cache reads.
const USAGE = { promptTokens: 1000, completionTokens: 100, cachedTokens: 900 };
// (100 × 3 + 900 × 0.45) / 1M in, 100 × 15 / 1M out.
const EXPECTED = { input: 0.000705, output: 0.0015, total: 0.002205 };

type Call = (mode: "generate" | "stream") => Promise<{ usage: unknown; providerMetadata: unknown }>;

const settings = () => ({ baseURL: fixture.emulator.url, apiKey: KEY });
const faces: [string, Call][] = [
  [
    "ai@5",
    async (mode) => {
      const model = createV5(settings())(MODEL);
      if (mode === "generate") return ai5.generateText({ model, prompt: "hi" });
      const result = ai5.streamText({ model, prompt: "hi" });
      return { usage: await result.usage, providerMetadata: await result.providerMetadata };
    },
  ],
  [
    "ai@6",
    async (mode) => {
      const model = createV6(settings())(MODEL) as ai6.LanguageModel;
      if (mode === "generate") return ai6.generateText({ model, prompt: "hi" });
      const result = ai6.streamText({ model, prompt: "hi" });
      return { usage: await result.usage, providerMetadata: await result.providerMetadata };
    },
  ],
  [
    "ai@7",
    async (mode) => {
      const model = createV7(settings())(MODEL) as ai7.LanguageModel;
      if (mode === "generate") return ai7.generateText({ model, prompt: "hi" });
      const result = ai7.streamText({ model, prompt: "hi" });
      return { usage: await result.usage, providerMetadata: await result.providerMetadata };
    },
  ],
];

describe.each(faces)("%s", (_name, call) => {
  it.each(["generate", "stream"] as const)(
    "%s: estimateCost(id, result.usage) prices the cache reads",
    async (mode) => {
      fixture.emulator.script({ content: "ok", usage: USAGE });
      const { usage, providerMetadata } = await call(mode);
      const cost = estimateCost(MODEL, usage as Parameters<typeof estimateCost>[1]);
      expect(cost).toEqual(EXPECTED);
      expect((providerMetadata as { synthetic: { cost: unknown } }).synthetic.cost).toEqual(EXPECTED);
    },
  );
});

describe("the spec usage a model returns", () => {
  it("V4 doGenerate's usage ({ inputTokens: { total, cacheRead } }) prices the same", async () => {
    fixture.emulator.script({ content: "ok", usage: USAGE });
    const result = await createV7(settings())(MODEL).doGenerate({
      prompt: [{ role: "user", content: [{ type: "text", text: "hi" }] }],
    });
    expect(estimateCost(MODEL, result.usage)).toEqual(EXPECTED);
  });
});
