/**
 * Cache reads however the backend spells them: `prompt_tokens_details.cached_tokens`, Moonshot's
 * top-level `usage.cached_tokens`, DeepSeek's `prompt_cache_hit_tokens`. Each spelling alone is
 * taken from a real recorded body (test/fixtures/recorded) with the other spellings removed, and
 * must reach the cost and the cache-read tokens of every face (V2 cachedInputTokens, V3/V4
 * inputTokens.cacheRead), generated and streamed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { estimateCost } from "../src";
import { createSynthetic as createV6 } from "../src/ai-v6";
import { createSynthetic as createV7 } from "../src/ai-v7";
import { useEmulator } from "./support/emulator";

const fixture = useEmulator();
const recorded = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/recorded/${name}`, import.meta.url), "utf8")) as {
    usage: Record<string, unknown>;
  };

/** A recorded body whose usage keeps only `keep` of the three cache spellings. */
function withOnly(name: string, keep: "details" | "cached_tokens" | "prompt_cache_hit_tokens") {
  const body = recorded(name);
  const { prompt_tokens_details: details, cached_tokens, prompt_cache_hit_tokens, ...usage } = body.usage;
  const kept =
    keep === "details"
      ? { prompt_tokens_details: details }
      : keep === "cached_tokens"
        ? { cached_tokens }
        : { prompt_cache_hit_tokens };
  return { ...body, usage: { ...usage, ...kept } };
}

// [spelling, recording, model it is replayed as, cached tokens the recording reports]
const cases = [
  ["prompt_tokens_details.cached_tokens", withOnly("deepseek-v4-flash-tool-call.json", "details"), 512],
  ["usage.cached_tokens (Moonshot)", withOnly("moonshot-kimi-k3-reasoning-nonstream.json", "cached_tokens"), 90],
  ["prompt_cache_hit_tokens (DeepSeek)", withOnly("deepseek-v4-flash-tool-call.json", "prompt_cache_hit_tokens"), 512],
] as const;
const MODEL_OF = (body: { usage: Record<string, unknown> }) =>
  "cached_tokens" in body.usage ? "hf:moonshotai/Kimi-K3" : "hf:deepseek-ai/DeepSeek-V4.1-Flash";

const prompt = [{ role: "user" as const, content: [{ type: "text" as const, text: "hi" }] }];

/** The same body as one SSE stream: the message as a delta, then the usage chunk. */
function asStream(body: Record<string, unknown>): string {
  const choice = (body.choices as Record<string, unknown>[])[0] ?? {};
  const chunk = {
    id: body.id,
    object: "chat.completion.chunk",
    created: body.created,
    model: body.model,
    choices: [{ index: 0, delta: choice.message, finish_reason: choice.finish_reason }],
  };
  const usage = { ...chunk, choices: [], usage: body.usage };
  return `data: ${JSON.stringify(chunk)}\n\ndata: ${JSON.stringify(usage)}\n\ndata: [DONE]\n\n`;
}

async function finishOf(stream: ReadableStream<{ type: string }>) {
  let finish: { type: string; usage?: unknown; providerMetadata?: unknown } | undefined;
  for await (const part of stream as unknown as AsyncIterable<{ type: string }>)
    if (part.type === "finish") finish = part;
  return finish as { usage: Record<string, unknown>; providerMetadata: { synthetic: { cost?: unknown } } };
}

describe.each(cases)("cache reads spelled %s", (_spelling, body, cached) => {
  const modelId = MODEL_OF(body);
  const usage = body.usage as unknown as { prompt_tokens: number; completion_tokens: number };
  const cost = estimateCost(modelId, {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    cachedInputTokens: cached,
  });

  it("the cost prices them at the cache-read price (not the input price)", () => {
    const uncached = estimateCost(modelId, { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens });
    expect(cost?.input).toBeLessThan(uncached?.input ?? 0);
  });

  it("V2 (main entry): cachedInputTokens and cost, generated and streamed", async () => {
    const model = fixture.provider()(modelId);
    fixture.emulator.script({ rawBody: JSON.stringify(body) }, { rawSse: asStream(body) });
    const generated = await model.doGenerate({ prompt });
    expect(generated.usage.cachedInputTokens).toBe(cached);
    expect(generated.providerMetadata?.synthetic?.cost).toEqual(cost);
    const finish = await finishOf((await model.doStream({ prompt })).stream);
    expect(finish.usage.cachedInputTokens).toBe(cached);
    expect(finish.providerMetadata.synthetic.cost).toEqual(cost);
  });

  it.each([
    ["V3 (ai-v6)", createV6],
    ["V4 (ai-v7)", createV7],
  ] as const)("%s: inputTokens.cacheRead and noCache, generated and streamed", async (_face, create) => {
    const model = create({ baseURL: fixture.emulator.url, apiKey: "k" })(modelId);
    fixture.emulator.script({ rawBody: JSON.stringify(body) }, { rawSse: asStream(body) });
    const generated = await model.doGenerate({ prompt });
    expect(generated.usage.inputTokens).toMatchObject({
      total: usage.prompt_tokens,
      cacheRead: cached,
      noCache: usage.prompt_tokens - cached,
    });
    expect(generated.providerMetadata?.synthetic?.cost).toEqual(cost);
    const finish = await finishOf((await model.doStream({ prompt })).stream as ReadableStream<{ type: string }>);
    expect(finish.usage.inputTokens).toMatchObject({ cacheRead: cached });
    expect(finish.providerMetadata.synthetic.cost).toEqual(cost);
  });
});
