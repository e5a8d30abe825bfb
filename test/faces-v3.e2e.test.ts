/** `mastra-synthetic/ai-v6` with the real ai@6: LanguageModelV3 / EmbeddingModelV3, no compatibility mode. */
import * as ai from "ai-v6";
import { describe, expect, it } from "vitest";
import { createSynthetic as createMainEntry } from "../src";
import { createSynthetic } from "../src/ai-v6";
import { CHAT_MODEL, faceScenarios, structuredScenarios, useFace } from "./faces-scenarios";

const f = useFace({
  specificationVersion: "v3",
  ai,
  createSynthetic,
  structured: async ({ model, schema, prompt }) =>
    (await ai.generateText({ model: model as ai.LanguageModel, prompt, output: ai.Output.object({ schema }) })).output,
});

describe("ai@6 face (V3)", () => faceScenarios(f));

describe("ai@6: usage and finish reasons", () => structuredScenarios(f, createMainEntry));

describe("ai@6: reasoning effort", () => {
  it("reasoningEffort through providerOptions.synthetic reaches the wire", async () => {
    f.emulator.script({ content: "ok" });
    await ai.generateText({
      model: f.provider()(CHAT_MODEL) as ai.LanguageModel,
      prompt: "Think.",
      providerOptions: { synthetic: { reasoningEffort: "low" } },
    });
    expect(f.chatBodies()[0]?.reasoning_effort).toBe("low");
    expect(f.warnings.messages()).toEqual([]);
  });
});
