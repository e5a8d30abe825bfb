/**
 * The scenarios every face runs with its own real `ai` major against the emulator:
 * generateText, streamText with a multi-step tool loop, structured output and embed, each with
 * no warning logged (no "compatibility mode"). Face-specific checks live in the test files.
 */
import { afterEach, beforeEach, expect, it, type MockInstance, vi } from "vitest";
import { z } from "zod/v4";
import type { SyntheticProviderSettings } from "../src";
import { type EmulatorFixture, useEmulator } from "./support/emulator";

/** The parts of an `ai` major the scenarios call; each major types them its own way. */
// biome-ignore lint/suspicious/noExplicitAny: ai@5, ai@6 and ai@7 differ in option and result types.
type Loose = (options: any) => any;
export type AiModule = {
  generateText: Loose;
  streamText: Loose;
  embed: Loose;
  tool: Loose;
  stepCountIs: (steps: number) => unknown;
};

type FaceModel = { readonly specificationVersion: string; readonly provider: string; readonly modelId: string };
type FaceProvider = ((modelId: string) => FaceModel) & {
  embeddingModel(modelId: string): FaceModel;
  readonly specificationVersion: string;
};

export type FaceUnderTest = {
  specificationVersion: "v2" | "v3" | "v4";
  ai: AiModule;
  createSynthetic(settings: SyntheticProviderSettings): FaceProvider;
  /** Structured output the major's way; resolves to the parsed object. */
  structured(options: { model: FaceModel; schema: z.ZodType; prompt: string }): Promise<unknown>;
};

export const CHAT_MODEL = "hf:moonshotai/Kimi-K2.6";
export const EMBEDDING_MODEL = "hf:nomic-ai/nomic-embed-text-v1.5";

/** A chat completion with every usage detail Synthetic's backends report. */
export function detailedCompletion(finishReason: string): string {
  return JSON.stringify({
    id: "chatcmpl-faces",
    object: "chat.completion",
    created: 1_764_547_200,
    model: CHAT_MODEL,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: "Forty-two.", reasoning_content: "Counting." },
        finish_reason: finishReason,
      },
    ],
    usage: {
      prompt_tokens: 100,
      completion_tokens: 40,
      total_tokens: 140,
      prompt_tokens_details: { cached_tokens: 60, cache_write_tokens: 30 },
      completion_tokens_details: { reasoning_tokens: 25 },
    },
  });
}

/** The same answer streamed: text deltas, then the finish reason with every usage detail. */
export function detailedStream(finishReason: string): string {
  const { usage } = JSON.parse(detailedCompletion(finishReason));
  const chunk = (delta: object, finish: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({
      id: "chatcmpl-faces",
      object: "chat.completion.chunk",
      created: 1_764_547_200,
      model: CHAT_MODEL,
      choices: [{ index: 0, delta, finish_reason: finish }],
      ...extra,
    })}\n\n`;
  return [
    chunk({ role: "assistant", reasoning_content: "Counting." }, null),
    chunk({ content: "Forty-" }, null),
    chunk({ content: "two." }, null),
    chunk({}, finishReason, { usage }),
    "data: [DONE]\n\n",
  ].join("");
}

/**
 * Everything the AI SDK logged: `console.warn` (ai@5, ai@6; `console.info` for ai@6's note on
 * how to silence them) and `process.emitWarning` (ai@7).
 */
export function useWarningSpy(): { messages(): string[] } {
  let spies: MockInstance[] = [];
  beforeEach(() => {
    spies = [
      vi.spyOn(console, "warn").mockImplementation(() => {}),
      vi.spyOn(console, "info").mockImplementation(() => {}),
      vi.spyOn(process, "emitWarning").mockImplementation(() => {}),
    ];
  });
  afterEach(() => {
    for (const spy of spies) spy.mockRestore();
  });
  return { messages: () => spies.flatMap((spy) => spy.mock.calls.map((args) => String(args[0]))) };
}

export type FaceFixture = Omit<EmulatorFixture, "provider"> & {
  face: FaceUnderTest;
  provider(): FaceProvider;
  warnings: { messages(): string[] };
};

export function useFace(face: FaceUnderTest): FaceFixture {
  const fixture = useEmulator({ apiKey: "k" });
  const warnings = useWarningSpy();
  return Object.assign(Object.create(fixture) as Omit<EmulatorFixture, "provider">, {
    face,
    warnings,
    provider: () => face.createSynthetic({ baseURL: fixture.emulator.url, apiKey: "k" }),
  });
}

/** The four scenarios, each asserting nothing was logged. */
export function faceScenarios(f: FaceFixture): void {
  const { ai } = f.face;

  it("models implement the spec natively", () => {
    const provider = f.provider();
    expect(provider.specificationVersion).toBe(f.face.specificationVersion);
    expect(provider(CHAT_MODEL).specificationVersion).toBe(f.face.specificationVersion);
    expect(provider.embeddingModel(EMBEDDING_MODEL).specificationVersion).toBe(f.face.specificationVersion);
    expect(provider(CHAT_MODEL)).toMatchObject({ provider: "mastra-synthetic.chat", modelId: CHAT_MODEL });
  });

  it("generateText", async () => {
    f.emulator.script({ content: "Hello from the face.", reasoning: "Greeting." });
    const result = await ai.generateText({ model: f.provider()(CHAT_MODEL), prompt: "Say hello." });
    expect(result.text).toBe("Hello from the face.");
    expect(result.reasoningText).toBe("Greeting.");
    expect(result.finishReason).toBe("stop");
    expect(result.providerMetadata?.synthetic?.cost?.total).toBeGreaterThan(0);
    expect(result.response.modelId).toBe(CHAT_MODEL);
    expect(f.chatBodies()[0]).toMatchObject({ model: CHAT_MODEL, messages: [{ role: "user", content: "Say hello." }] });
    expect(f.warnings.messages()).toEqual([]);
  });

  it("streamText with a multi-step tool loop", async () => {
    f.emulator.script(
      { toolCalls: [{ name: "weather", arguments: { city: "Paris" } }], toolCallQuirks: { argumentChunks: 3 } },
      { content: "Sunny in Paris, 21 degrees." },
    );
    const execute = vi.fn(async ({ city }: { city: string }) => ({ city, sky: "sunny", celsius: 21 }));
    const result = ai.streamText({
      model: f.provider()(CHAT_MODEL),
      prompt: "Weather in Paris?",
      tools: {
        weather: ai.tool({ description: "Current weather", inputSchema: z.object({ city: z.string() }), execute }),
      },
      stopWhen: ai.stepCountIs(3),
    });
    let streamed = "";
    for await (const delta of result.textStream) streamed += delta;
    const steps = await result.steps;
    expect(streamed).toBe("Sunny in Paris, 21 degrees.");
    expect(execute).toHaveBeenCalledTimes(1);
    expect(execute.mock.calls[0]?.[0]).toEqual({ city: "Paris" });
    expect(steps.map((s: { finishReason: string }) => s.finishReason)).toEqual(["tool-calls", "stop"]);
    const second = f.chatBodies()[1] as { messages: { role: string; content: unknown }[] };
    const toolMessage = second.messages.find((m) => m.role === "tool");
    expect(JSON.parse(String(toolMessage?.content))).toEqual({ city: "Paris", sky: "sunny", celsius: 21 });
    expect(f.chatBodies()[0]).toMatchObject({ stream: true, tools: [{ function: { name: "weather" } }] });
    expect((await result.totalUsage).inputTokens).toBeGreaterThan(0);
    expect(f.warnings.messages()).toEqual([]);
  });

  it("structured output", async () => {
    f.emulator.script({ content: JSON.stringify({ city: "Paris", celsius: 21 }) });
    const schema = z.object({ city: z.string(), celsius: z.number() });
    const object = await f.face.structured({ model: f.provider()(CHAT_MODEL), schema, prompt: "Weather as JSON." });
    expect(object).toEqual({ city: "Paris", celsius: 21 });
    expect(f.chatBodies()[0]?.response_format).toMatchObject({ type: "json_schema" });
    expect(f.warnings.messages()).toEqual([]);
  });

  it("embed", async () => {
    const model = f.provider().embeddingModel(EMBEDDING_MODEL);
    const { embedding, usage } = await ai.embed({ model, value: "sunny day" });
    expect(embedding).toHaveLength(768);
    expect(usage.tokens).toBeGreaterThan(0);
    const body = f.emulator.requests.find((r) => r.path.endsWith("/embeddings"))?.body;
    expect(body).toMatchObject({ model: EMBEDDING_MODEL, input: ["sunny day"] });
    expect(f.warnings.messages()).toEqual([]);
  });

  it("keeps the key out of JSON", () => {
    const provider = f.face.createSynthetic({ apiKey: "sk-secret-face" });
    const seen = JSON.stringify([provider, provider(CHAT_MODEL), provider.embeddingModel(EMBEDDING_MODEL)]);
    expect(seen).not.toContain("sk-secret-face");
  });
}

/**
 * V3 and V4 (ai@6, ai@7): usage in the structured shape with cache writes and the raw usage,
 * raw finish reasons generated and streamed, and, as a control that the warning spy works, the
 * main entry's V2 models in that major's compatibility mode.
 */
export function structuredScenarios(f: FaceFixture, mainEntry: (settings: SyntheticProviderSettings) => FaceProvider) {
  const { ai } = f.face;
  const model = () => f.provider()(CHAT_MODEL);
  const detailedUsage = {
    inputTokens: 100,
    inputTokenDetails: { noCacheTokens: 10, cacheReadTokens: 60, cacheWriteTokens: 30 },
    outputTokens: 40,
    outputTokenDetails: { textTokens: 15, reasoningTokens: 25 },
  };

  it("usage in the structured shape, with cache writes and the raw usage; the raw finish reason", async () => {
    f.emulator.script({ rawBody: detailedCompletion("length") });
    const result = await ai.generateText({ model: model(), prompt: "Count." });
    expect(result.usage).toMatchObject({ ...detailedUsage, totalTokens: 140 });
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
    expect(await result.usage).toMatchObject(detailedUsage);
    expect(await result.finishReason).toBe("length");
    expect(await result.rawFinishReason).toBe("length");
    expect(f.warnings.messages()).toEqual([]);
  });

  it("streams the raw finish reason of each step", async () => {
    f.emulator.script({ toolCalls: [{ name: "lookup", arguments: { q: "x" } }] }, { content: "done" });
    const result = ai.streamText({
      model: model(),
      prompt: "Look it up.",
      tools: { lookup: ai.tool({ inputSchema: z.object({ q: z.string() }), execute: async () => "found" }) },
      stopWhen: ai.stepCountIs(2),
    });
    await result.consumeStream();
    const steps: { finishReason: string; rawFinishReason: string }[] = await result.steps;
    expect(steps.map((s) => [s.finishReason, s.rawFinishReason])).toEqual([
      ["tool-calls", "tool_calls"],
      ["stop", "stop"],
    ]);
  });

  it("control: the main entry's V2 models run in compatibility mode, with a warning per model", async () => {
    const main = mainEntry({ baseURL: f.emulator.url, apiKey: "k" });
    f.emulator.script({ content: "ok" });
    await ai.generateText({ model: main(CHAT_MODEL), prompt: "hi" });
    await ai.embed({ model: main.embeddingModel(EMBEDDING_MODEL), value: "x" });
    const compat = f.warnings.messages().filter((m) => /compatibility mode/.test(m));
    expect(compat).toHaveLength(2);
  });
}
