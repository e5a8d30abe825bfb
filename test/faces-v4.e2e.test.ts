/** `mastra-synthetic/ai-v7` with the real ai@7: LanguageModelV4 / EmbeddingModelV4, no compatibility mode. */
import * as ai from "ai-v7";
import { describe, expect, it } from "vitest";
import { createSynthetic as createMainEntry } from "../src";
import { createSynthetic } from "../src/ai-v7";
import { CHAT_MODEL, EMBEDDING_MODEL, faceScenarios, structuredScenarios, useFace } from "./faces-scenarios";

const f = useFace({
  specificationVersion: "v4",
  ai,
  createSynthetic,
  structured: async ({ model, schema, prompt }) =>
    (await ai.generateText({ model: model as ai.LanguageModel, prompt, output: ai.Output.object({ schema }) })).output,
});

describe("ai@7 face (V4)", () => faceScenarios(f));

describe("ai@7: usage and finish reasons", () => structuredScenarios(f, createMainEntry));

describe("ai@7: the reasoning option", () => {
  const model = () => f.provider()(CHAT_MODEL) as ai.LanguageModel;

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

describe("ai@7: embedding options", () => {
  it("providerOptions.synthetic and ai@7's dimensions option reach the wire", async () => {
    const model = f.provider().embeddingModel(EMBEDDING_MODEL) as Parameters<typeof ai.embed>[0]["model"];
    const embeddingBodies = () =>
      f.emulator.requests.filter((r) => r.path.endsWith("/embeddings")).map((r) => r.body as { dimensions?: number });
    const fromOptions = await ai.embed({ model, value: "a", providerOptions: { synthetic: { dimensions: 256 } } });
    const fromCall = await ai.embed({ model, value: "b", dimensions: 128 });
    expect(embeddingBodies().map((b) => b.dimensions)).toEqual([256, 128]);
    expect([fromOptions.embedding.length, fromCall.embedding.length]).toEqual([256, 128]);
    expect(f.warnings.messages()).toEqual([]);
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
