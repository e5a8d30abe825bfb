/** `mastra-synthetic/ai-v6` with the real ai@6: LanguageModelV3 / EmbeddingModelV3, no compatibility mode. */
import * as ai from "ai-v6";
import { describe, expect, it } from "vitest";
import { createSynthetic as createMainEntry } from "../src";
import { createSynthetic } from "../src/ai-v6";
import {
  CHAT_MODEL,
  detailedCompletion,
  detailedStream,
  EMBEDDING_MODEL,
  faceScenarios,
  useFace,
} from "./faces-scenarios";

const f = useFace({
  specificationVersion: "v3",
  ai,
  createSynthetic,
  structured: async ({ model, schema, prompt }) =>
    (await ai.generateText({ model: model as ai.LanguageModel, prompt, output: ai.Output.object({ schema }) })).output,
});

describe("ai@6 face (V3)", () => faceScenarios(f));

describe("ai@6: usage and finish reasons", () => {
  const model = () => f.provider()(CHAT_MODEL) as ai.LanguageModel;

  it("usage in V3's structured shape, with cache writes and the raw usage; the raw finish reason", async () => {
    f.emulator.script({ rawBody: detailedCompletion("length") });
    const result = await ai.generateText({ model: model(), prompt: "Count." });
    expect(result.usage).toMatchObject({
      inputTokens: 100,
      inputTokenDetails: { noCacheTokens: 10, cacheReadTokens: 60, cacheWriteTokens: 30 },
      outputTokens: 40,
      outputTokenDetails: { textTokens: 15, reasoningTokens: 25 },
      totalTokens: 140,
    });
    expect(result.usage.raw).toMatchObject({ prompt_tokens: 100, completion_tokens_details: { reasoning_tokens: 25 } });
    expect(result.finishReason).toBe("length");
    expect(result.rawFinishReason).toBe("length");
    expect(f.warnings.messages()).toEqual([]);
  });

  it("streamed usage in the same shape, with the raw finish reason", async () => {
    f.emulator.script({ rawSse: detailedStream("length") });
    const result = ai.streamText({ model: model(), prompt: "Count." });
    expect(await result.text).toBe("Forty-two.");
    expect(await result.reasoningText).toBe("Counting.");
    expect(await result.usage).toMatchObject({
      inputTokens: 100,
      inputTokenDetails: { noCacheTokens: 10, cacheReadTokens: 60, cacheWriteTokens: 30 },
      outputTokens: 40,
      outputTokenDetails: { textTokens: 15, reasoningTokens: 25 },
    });
    expect(await result.finishReason).toBe("length");
    expect(await result.rawFinishReason).toBe("length");
    expect(f.warnings.messages()).toEqual([]);
  });

  it("streams the raw finish reason of each step", async () => {
    f.emulator.script({ toolCalls: [{ name: "lookup", arguments: { q: "x" } }] }, { content: "done" });
    const result = ai.streamText({
      model: model(),
      prompt: "Look it up.",
      tools: { lookup: ai.tool({ inputSchema: ai.jsonSchema({ type: "object" }), execute: async () => "found" }) },
      stopWhen: ai.stepCountIs(2),
    });
    await result.consumeStream();
    const steps = await result.steps;
    expect(steps.map((s) => [s.finishReason, s.rawFinishReason])).toEqual([
      ["tool-calls", "tool_calls"],
      ["stop", "stop"],
    ]);
  });

  it("reasoningEffort through providerOptions.synthetic still reaches the wire", async () => {
    f.emulator.script({ content: "ok" });
    await ai.generateText({
      model: model(),
      prompt: "Think.",
      providerOptions: { synthetic: { reasoningEffort: "low" } },
    });
    expect(f.chatBodies()[0]?.reasoning_effort).toBe("low");
    expect(f.warnings.messages()).toEqual([]);
  });
});

describe("control: the warning spy sees what the face avoids", () => {
  it("the main entry's V2 models run in ai@6's compatibility mode, with a warning per model", async () => {
    const main = createMainEntry({ baseURL: f.emulator.url, apiKey: "k" });
    f.emulator.script({ content: "ok" });
    await ai.generateText({ model: main(CHAT_MODEL) as unknown as ai.LanguageModel, prompt: "hi" });
    await ai.embed({ model: main.embeddingModel(EMBEDDING_MODEL) as unknown as ai.EmbeddingModel, value: "x" });
    const compat = f.warnings.messages().filter((m) => /compatibility mode/.test(m));
    expect(compat).toHaveLength(2);
  });
});
