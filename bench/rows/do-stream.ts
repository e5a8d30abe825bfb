/**
 * Row 2: `doStream` over loopback HTTP to the emulator, this provider vs a bare
 * `createOpenAICompatible` sending the same request (usage included), one stream at a time,
 * plain text and with `<think>` extraction (MiniMax-M2, reasoning inline in `<think>` tags);
 * row 2c (full run only): plain text sent token by token.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import type { LanguageModelV2 } from "@ai-sdk/provider";
import { API_KEY, PLAIN_MODEL, type Scenario, scenarioPrompt, THINK_TAGS_MODEL } from "../lib/scenario";
import { rotate, type Sample, summarize, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";

export const CHUNKS = 2_000;
const PACED_CHUNKS = 200;

/** Reads a `doStream` to the end; returns the number of text and reasoning deltas. */
export async function readDoStream(model: LanguageModelV2, prompt: string): Promise<number> {
  const { stream } = await model.doStream({ prompt: [{ role: "user", content: [{ type: "text", text: prompt }] }] });
  const reader = stream.getReader();
  let deltas = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return deltas;
    if (value.type === "text-delta" || value.type === "reasoning-delta") deltas++;
    else if (value.type === "error") throw value.error;
  }
}

/** Times one stream, checking it carried at least `minDeltas` deltas. */
export async function timeDoStream(model: LanguageModelV2, prompt: string, minDeltas: number): Promise<Sample> {
  const sample = await timed(() => readDoStream(model, prompt));
  if (sample.result < minDeltas) throw new Error(`expected >= ${minDeltas} deltas, got ${sample.result}`);
  return sample;
}

export function models(context: BenchContext, modelId: string): { bare: LanguageModelV2; ours: LanguageModelV2 } {
  const { url } = context.emulator;
  const bare = createOpenAICompatible({ name: "synthetic", baseURL: url, apiKey: API_KEY, includeUsage: true });
  const ours = context.pkg.createSynthetic({ baseURL: url, apiKey: API_KEY });
  return { bare: bare.chatModel(modelId), ours: ours(modelId) };
}

type FetchFunction = NonNullable<Parameters<typeof createOpenAICompatible>[0]["fetch"]>;

/**
 * The bare model on this package's transport (retries, timeouts, SSE guard), for the full run's
 * breakdown of the overhead: transport vs chat-model wrapper. `createSyntheticFetch` is internal,
 * so it comes from src/ and the breakdown is skipped if it moved.
 */
export async function bareOnTransport(
  baseURL: string,
  modelId: string,
  fetch?: FetchFunction,
): Promise<LanguageModelV2 | undefined> {
  const internal = "../../src/transport";
  const transport = (await import(internal).catch(() => undefined)) as
    | { createSyntheticFetch?: (options: { fetch?: FetchFunction }) => FetchFunction }
    | undefined;
  if (typeof transport?.createSyntheticFetch !== "function") return undefined;
  return createOpenAICompatible({
    name: "synthetic",
    baseURL,
    apiKey: API_KEY,
    includeUsage: true,
    fetch: transport.createSyntheticFetch({ fetch }),
  }).chatModel(modelId);
}

async function measure(context: BenchContext, modelId: string, scenario: Scenario, full = 40, warmup = 10) {
  const { bare, ours } = models(context, modelId);
  const transport = context.quick ? undefined : await bareOnTransport(context.emulator.url, modelId);
  const prompt = scenarioPrompt(scenario);
  // Tags split across deltas may merge or split a delta or two; the count is only a sanity check.
  const min = scenario.chunks - 2;
  const variants = [bare, ours, ...(transport ? [transport] : [])];
  const rotated = await rotate(
    rounds(context, full, 20),
    rounds(context, warmup, 4),
    variants.map((model) => () => timeDoStream(model, prompt, min)),
  );
  return { ...summarize(rotated), transport: transport ? summarize(rotated, 2) : undefined };
}

function row(
  id: string,
  title: string,
  target: number | undefined,
  modelId: string,
  m: Awaited<ReturnType<typeof measure>>,
  chunks = CHUNKS,
): Row {
  const rate = (ms: number) => chunks / (ms / 1000);
  return {
    id,
    title,
    base: `bare openai-compatible ${fmt.ms(m.cpu.base)} CPU`,
    variant: `synthetic ${fmt.ms(m.cpu.variant)} CPU`,
    ratio: m.cpu.ratio,
    wallRatio: m.wall.ratio,
    target: target === undefined ? "report" : `<= ${target.toFixed(2)}`,
    met: target === undefined ? null : m.cpu.ratio <= target,
    gate: target !== undefined,
    details: {
      model: modelId,
      chunks,
      rounds: m.rounds,
      cpuMs: m.cpu,
      wallMs: m.wall,
      baseChunksPerSecond: rate(m.wall.base),
      variantChunksPerSecond: rate(m.wall.variant),
      baseCpuMicrosPerChunk: (m.cpu.base * 1000) / chunks,
      variantCpuMicrosPerChunk: (m.cpu.variant * 1000) / chunks,
      // The bare model on this package's transport alone: the share of the overhead that is not the chat model's.
      ...(m.transport
        ? { bareOnTransport: { cpuRatio: m.transport.cpu.ratio, wallRatio: m.transport.wall.ratio } }
        : {}),
    },
  };
}

export async function doStreamRows(context: BenchContext): Promise<Row[]> {
  const n = CHUNKS.toLocaleString("en");
  const plain = await measure(context, PLAIN_MODEL, { chunks: CHUNKS });
  context.log(`  plain: cpu ${fmt.ratio(plain.cpu.ratio)}, wall ${fmt.ratio(plain.wall.ratio)}`);
  const think = await measure(context, THINK_TAGS_MODEL, { chunks: CHUNKS, thinkTags: true });
  context.log(`  think-tags: cpu ${fmt.ratio(think.cpu.ratio)}, wall ${fmt.ratio(think.wall.ratio)}`);
  const rows = [
    row("do-stream-plain", `2. doStream, plain text (${n} chunks)`, 1.02, PLAIN_MODEL, plain),
    row("do-stream-think-tags", `2. doStream, <think> extraction (${n} chunks)`, 1.1, THINK_TAGS_MODEL, think),
  ];
  if (context.quick) return rows;
  // Token by token, as a model generates: each event arrives alone and wakes the client, so every
  // per-read and per-part cost is paid per chunk. Wall time is the emulator's pacing; CPU is the point.
  const paced = await measure(context, PLAIN_MODEL, { chunks: PACED_CHUNKS, delayMs: 1 }, 20, 3);
  context.log(`  token by token: cpu ${fmt.ratio(paced.cpu.ratio)}, wall ${fmt.ratio(paced.wall.ratio)}`);
  const pacedRow = row(
    "do-stream-paced",
    `2c. doStream, token by token (${PACED_CHUNKS} chunks, 1 ms apart)`,
    undefined,
    PLAIN_MODEL,
    paced,
    PACED_CHUNKS,
  );
  return [...rows, pacedRow];
}
