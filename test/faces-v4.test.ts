/** `mastra-synthetic/ai-v7` with the real ai@7: LanguageModelV4 / EmbeddingModelV4, no compatibility mode. */
import * as ai from "ai-v7";
import { describe, expect, it } from "vitest";
import { createSynthetic as createMainEntry } from "../src";
import { createSynthetic } from "../src/ai-v7";
import {
  CHAT_MODEL,
  detailedCompletion,
  detailedStream,
  EMBEDDING_MODEL,
  faceScenarios,
  useFace,
} from "./faces-scenarios";

const f = useFace({
  specificationVersion: "v4",
  ai,
  createSynthetic,
  structured: async ({ model, schema, prompt }) =>
    (await ai.generateText({ model: model as ai.LanguageModel, prompt, output: ai.Output.object({ schema }) })).output,
});

describe("ai@7 face (V4)", () => faceScenarios(f));

describe("ai@7: usage, finish reasons and the reasoning option", () => {
  const model = () => f.provider()(CHAT_MODEL) as ai.LanguageModel;

  it("usage in V4's structured shape, with cache writes and the raw usage; the raw finish reason", async () => {
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

  it('reasoning: "high" reaches the wire as reasoning_effort, without a warning', async () => {
    f.emulator.script({ content: "ok" });
    const result = await ai.generateText({ model: model(), prompt: "Think hard.", reasoning: "high" });
    expect(f.chatBodies()[0]?.reasoning_effort).toBe("high");
    expect(result.warnings).toEqual([]);
    expect(f.warnings.messages()).toEqual([]);
  });

  it('reasoning: "high" streamed too', async () => {
    f.emulator.script({ content: "ok" });
    await ai.streamText({ model: model(), prompt: "Think hard.", reasoning: "high" }).consumeStream();
    expect(f.chatBodies()[0]?.reasoning_effort).toBe("high");
    expect(f.warnings.messages()).toEqual([]);
  });

  it('reasoning: "provider-default" sends no reasoning_effort (the server default applies)', async () => {
    f.emulator.script({ content: "ok" });
    await ai.generateText({ model: model(), prompt: "Think.", reasoning: "provider-default" });
    expect(f.chatBodies()[0]).not.toHaveProperty("reasoning_effort");
  });

  it('reasoning: "none" reaches the wire for a model that can turn reasoning off', async () => {
    f.emulator.script({ content: "ok" });
    const result = await ai.generateText({
      model: f.provider()("hf:openai/gpt-oss-120b") as ai.LanguageModel,
      prompt: "Answer directly.",
      reasoning: "none",
    });
    expect(f.chatBodies()[0]?.reasoning_effort).toBe("none");
    expect(result.warnings).toEqual([]);
    expect(f.warnings.messages()).toEqual([]);
  });

  it.each(["none", "xhigh", "max"] as const)(
    'reasoning: "%s", which GLM-4.6 lacks, warns and is not sent as is',
    async (effort) => {
      f.emulator.script({ content: "ok" });
      const result = await ai.generateText({ model: model(), prompt: "Think.", reasoning: effort });
      expect(f.chatBodies()[0]?.reasoning_effort).not.toBe(effort);
      expect(result.warnings?.length).toBeGreaterThan(0);
      expect(JSON.stringify(result.warnings)).toMatch(/reasoning/i);
      expect(f.warnings.messages().some((m) => /reasoning/i.test(m))).toBe(true);
    },
  );
});

describe("control: the warning spy sees what the face avoids", () => {
  it("the main entry's V2 models run in ai@7's compatibility mode, with a warning per model", async () => {
    const main = createMainEntry({ baseURL: f.emulator.url, apiKey: "k" });
    f.emulator.script({ content: "ok" });
    await ai.generateText({ model: main(CHAT_MODEL) as unknown as ai.LanguageModel, prompt: "hi" });
    await ai.embed({ model: main.embeddingModel(EMBEDDING_MODEL) as unknown as ai.EmbeddingModel, value: "x" });
    const compat = f.warnings.messages().filter((m) => /compatibility mode/.test(m));
    expect(compat).toHaveLength(2);
  });
});

describe("ai@7 workflow serialization", () => {
  // @workflow/serde's symbol; ai@7 serializes a model whose class defines it.
  const WORKFLOW_SERIALIZE = Symbol.for("workflow-serialize");
  type Serializable = { [WORKFLOW_SERIALIZE]?: (model: unknown) => unknown };

  it("cannot carry the API key: the embedding model is not an openai-compatible instance", async () => {
    const { OpenAICompatibleEmbeddingModel } = await import("@ai-sdk/openai-compatible-v7");
    const bare = new OpenAICompatibleEmbeddingModel(EMBEDDING_MODEL, {
      provider: "x.embedding",
      url: ({ path }) => `http://127.0.0.1:1${path}`,
      headers: () => ({ Authorization: "Bearer sk-secret-face" }),
    });
    // Control: the class as is serializes its resolved headers, key included.
    const serialize = (OpenAICompatibleEmbeddingModel as unknown as Serializable)[WORKFLOW_SERIALIZE];
    expect(JSON.stringify(serialize?.(bare))).toContain("sk-secret-face");

    const ours = createSynthetic({ apiKey: "sk-secret-face" }).embeddingModel(EMBEDDING_MODEL);
    expect((ours.constructor as Serializable)[WORKFLOW_SERIALIZE]).toBeUndefined();
    expect(JSON.stringify(ours)).not.toContain("sk-secret-face");
    const chat = createSynthetic({ apiKey: "sk-secret-face" })(CHAT_MODEL);
    expect((chat.constructor as Serializable)[WORKFLOW_SERIALIZE]).toBeUndefined();
  });
});
