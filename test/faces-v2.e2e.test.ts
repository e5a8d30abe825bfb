/** `mastra-synthetic/ai-v5` with the real ai@5: LanguageModelV2 / EmbeddingModelV2. */
import * as ai from "ai";
import { describe, expect, it } from "vitest";
import { createSynthetic } from "../src/ai-v5";
import { CHAT_MODEL, detailedCompletion, detailedStream, faceScenarios, useFace } from "./faces-scenarios";

const f = useFace({
  specificationVersion: "v2",
  ai,
  createSynthetic,
  structured: async ({ model, schema, prompt }) =>
    (
      await ai.generateText({
        model: model as ai.LanguageModel,
        prompt,
        experimental_output: ai.Output.object({ schema }),
      })
    ).experimental_output,
});

describe("ai@5 face (V2)", () => faceScenarios(f));

describe("ai@5: usage and finish reasons", () => {
  it("usage in V2's flat shape: cached input and reasoning tokens", async () => {
    f.emulator.script({ rawBody: detailedCompletion("length") });
    const result = await ai.generateText({ model: f.provider()(CHAT_MODEL) as ai.LanguageModel, prompt: "Count." });
    expect(result.usage).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      totalTokens: 140,
      reasoningTokens: 25,
      cachedInputTokens: 60,
    });
    expect(result.finishReason).toBe("length");
    expect(f.warnings.messages()).toEqual([]);
  });

  it("streamed usage in the same flat shape", async () => {
    f.emulator.script({ rawSse: detailedStream("length") });
    const result = ai.streamText({ model: f.provider()(CHAT_MODEL) as ai.LanguageModel, prompt: "Count." });
    expect(await result.text).toBe("Forty-two.");
    expect(await result.usage).toEqual({
      inputTokens: 100,
      outputTokens: 40,
      totalTokens: 140,
      reasoningTokens: 25,
      cachedInputTokens: 60,
    });
    expect(await result.finishReason).toBe("length");
    expect(f.warnings.messages()).toEqual([]);
  });
});
