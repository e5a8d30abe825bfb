/**
 * Row 2: `doStream` over loopback HTTP to the emulator, this provider vs a bare
 * `createOpenAICompatible(...).chatModel(id)` sending the same request (usage included), one
 * stream at a time, plain text and with `<think>` extraction (MiniMax-M2, reasoning inline in
 * `<think>` tags), the answer sent in one write. Row 2 for the main entry's V2 model against
 * `@ai-sdk/openai-compatible` 1.x (V2); row 2v4 for the `mastra-synthetic/ai-v7` V4 model
 * against 3.x (V4). Full run only: row 2e, the same with one write per event, next to the
 * runtime's `fetch` reading that body alone; row 2c, token by token; and a split of row 2's
 * plain CPU into the HTTP floor (`fetch`, body read, nothing parsed) and this package's transport.
 */
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { createOpenAICompatible as createOpenAICompatibleV7 } from "@ai-sdk/openai-compatible-v7";
import { createTransport } from "../../src/transport";
import { API_KEY, PLAIN_MODEL, type Scenario, scenarioPrompt, scenarioText, THINK_TAGS_MODEL } from "../lib/scenario";
import { rotate, type Sample, summarize, timed } from "../lib/stats";
import { type BenchContext, fmt, type Row, rounds } from "../lib/types";

export const CHUNKS = 2_000;
const PACED_CHUNKS = 200;
/** Issue 10's targets: CPU per streamed answer against the bare model of the same spec. */
export const TARGETS = { plain: 0.7, thinkTags: 0.75 } as const;

/** Any spec's stream part, as far as the bench reads it. */
type PartLike = { type: string; delta?: string; error?: unknown };
/**
 * A chat model of any spec version (V2, V3, V4): the bench only calls `doStream` with a
 * one-message prompt, which every version's call options accept.
 */
export type StreamModel = {
  doStream(options: { prompt: unknown[]; abortSignal?: AbortSignal }): PromiseLike<{
    stream: ReadableStream<PartLike>;
  }>;
};

export const userPrompt = (text: string) => [{ role: "user", content: [{ type: "text", text }] }];

/**
 * Reads a `doStream` to the end; returns the characters of its text and reasoning deltas (this
 * package hands on the deltas of one network read as one part, so parts are not counted).
 */
export async function readDoStream(model: StreamModel, prompt: string): Promise<number> {
  const { stream } = await model.doStream({ prompt: userPrompt(prompt) });
  const reader = stream.getReader();
  let chars = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return chars;
    if (value.type === "text-delta" || value.type === "reasoning-delta") chars += value.delta?.length ?? 0;
    else if (value.type === "error") throw value.error;
  }
}

/** Times one stream, checking it carried at least `minChars` characters of text and reasoning. */
export async function timeDoStream(model: StreamModel, prompt: string, minChars: number): Promise<Sample> {
  const sample = await timed(() => readDoStream(model, prompt));
  if (sample.result < minChars) throw new Error(`expected >= ${minChars} characters, got ${sample.result}`);
  return sample;
}

/** The main entry's V2 model and the bare `@ai-sdk/openai-compatible` 1.x (V2) model. */
export function models(context: BenchContext, modelId: string): { bare: StreamModel; ours: StreamModel } {
  const { url } = context.emulator;
  const bare = createOpenAICompatible({ name: "synthetic", baseURL: url, apiKey: API_KEY, includeUsage: true });
  const ours = context.pkg.createSynthetic({ baseURL: url, apiKey: API_KEY });
  return { bare: bare.chatModel(modelId), ours: ours(modelId) };
}

/** The `ai-v7` entry's V4 model and the bare `@ai-sdk/openai-compatible` 3.x (V4) model. */
export function modelsV4(context: BenchContext, modelId: string): { bare: StreamModel; ours: StreamModel } {
  const { url } = context.emulator;
  const bare = createOpenAICompatibleV7({ name: "synthetic", baseURL: url, apiKey: API_KEY, includeUsage: true });
  const ours = context.pkgV7.createSynthetic({ baseURL: url, apiKey: API_KEY });
  return { bare: bare.chatModel(modelId), ours: ours(modelId) };
}

/** The request both models send, as bytes on the wire (the emulator reads the scenario from it). */
const requestBody = (modelId: string, prompt: string) =>
  JSON.stringify({
    model: modelId,
    messages: [{ role: "user", content: prompt }],
    stream: true,
    stream_options: { include_usage: true },
  });

/** The HTTP floor: the same request with the runtime's `fetch`, the body read to the end, nothing parsed. */
async function rawFetch(url: string, modelId: string, prompt: string): Promise<Sample> {
  return timed(async () => {
    const response = await fetch(`${url}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: requestBody(modelId, prompt),
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return bytes;
      bytes += value.length;
    }
  });
}

/** This package's transport alone (retry loop, signal link, guarded reader with its idle timer), nothing parsed. */
async function transportOnly(
  transport: ReturnType<typeof createTransport>,
  url: string,
  modelId: string,
  prompt: string,
): Promise<Sample> {
  return timed(async () => {
    const body = requestBody(modelId, prompt);
    const response = await transport.send({
      url: `${url}/chat/completions`,
      headers: { authorization: `Bearer ${API_KEY}` },
      body,
      bodyValues: undefined,
      stream: true,
    });
    let bytes = 0;
    for (;;) {
      const chunk = await response.reader.read();
      if (!(chunk instanceof Uint8Array)) {
        if (chunk.type === "end") return bytes;
        throw chunk.error;
      }
      bytes += chunk.length;
    }
  });
}

type Pair = { bare: StreamModel; ours: StreamModel };

async function measure(
  context: BenchContext,
  pair: Pair,
  scenario: Scenario,
  options: { full?: number; warmup?: number; floor?: "fetch" | "fetch+transport" } = {},
) {
  const { full = 40, warmup = 10, floor } = options;
  const prompt = scenarioPrompt(scenario);
  // The answer's characters without the tags (at most "<think></think>" and the blank after them).
  const text = scenarioText(scenario);
  const min = text.content.length + (text.reasoning?.length ?? 0) - 20;
  const { url } = context.emulator;
  const transport = createTransport();
  const modelId = PLAIN_MODEL;
  const extra = [
    ...(floor ? [() => rawFetch(url, modelId, prompt)] : []),
    ...(floor === "fetch+transport" ? [() => transportOnly(transport, url, modelId, prompt)] : []),
  ];
  // As many warm-up rounds in --quick as in the full run: this group runs first, on cold code, and
  // 4 rounds left a quick first attempt up to 0.3 above the warm ratio.
  const rotated = await rotate(rounds(context, full, 20), warmup, [
    () => timeDoStream(pair.bare, prompt, min),
    () => timeDoStream(pair.ours, prompt, min),
    ...extra,
  ]);
  return {
    ...summarize(rotated),
    burst: scenario.burst === true,
    breakdown: floor
      ? {
          rawFetch: summarize(rotated, 2),
          transport: floor === "fetch+transport" ? summarize(rotated, 3) : undefined,
        }
      : undefined,
  };
}

function row(
  id: string,
  title: string,
  target: number | undefined,
  modelId: string,
  m: Awaited<ReturnType<typeof measure>>,
  options: { chunks?: number; bare?: string; face?: string } = {},
): Row {
  const { chunks = CHUNKS, bare = "bare openai-compatible 1.x (V2)", face = "synthetic (V2)" } = options;
  const rate = (ms: number) => chunks / (ms / 1000);
  return {
    id,
    title,
    base: `${bare} ${fmt.ms(m.cpu.base)} CPU`,
    variant:
      `${face} ${fmt.ms(m.cpu.variant)} CPU` +
      (m.breakdown
        ? `; fetch alone ${fmt.ms(m.breakdown.rawFetch.cpu.variant)} = ${fmt.ratio(m.breakdown.rawFetch.cpu.ratio)}`
        : ""),
    ratio: m.cpu.ratio,
    wallRatio: m.wall.ratio,
    target: target === undefined ? "report" : `<= ${target.toFixed(2)}`,
    met: target === undefined ? null : m.cpu.ratio <= target,
    gate: target !== undefined,
    details: {
      model: modelId,
      chunks,
      // The whole answer in one write (rows 2, 2v4), or one write per event (2e, 2c).
      burst: m.burst,
      rounds: m.rounds,
      cpuMs: m.cpu,
      wallMs: m.wall,
      baseChunksPerSecond: rate(m.wall.base),
      variantChunksPerSecond: rate(m.wall.variant),
      baseCpuMicrosPerChunk: (m.cpu.base * 1000) / chunks,
      variantCpuMicrosPerChunk: (m.cpu.variant * 1000) / chunks,
      // Where the package's CPU goes: the HTTP client alone, then with this package's transport.
      ...(m.breakdown
        ? {
            breakdown: {
              rawFetchCpuMs: m.breakdown.rawFetch.cpu.variant,
              rawFetchCpuRatio: m.breakdown.rawFetch.cpu.ratio,
              ...(m.breakdown.transport
                ? {
                    transportCpuMs: m.breakdown.transport.cpu.variant,
                    transportCpuRatio: m.breakdown.transport.cpu.ratio,
                  }
                : {}),
            },
          }
        : {}),
    },
  };
}

/**
 * Row 2t: the same model and plain-text answer with a tool offered, leaked-tool-call recovery on
 * (the default) against off, so the ratio is what scanning the text for tool-call markup costs
 * an answer that has none.
 */
async function recoveryRow(context: BenchContext, scenario: Scenario): Promise<Row> {
  const { ours } = models(context, PLAIN_MODEL);
  const tools = [{ type: "function", name: "get_weather", inputSchema: { type: "object", properties: {} } }];
  const withTools = (recoverLeakedToolCalls: boolean): StreamModel => ({
    doStream: (options) =>
      (ours as unknown as { doStream(options: unknown): ReturnType<StreamModel["doStream"]> }).doStream({
        ...options,
        tools,
        providerOptions: { synthetic: { recoverLeakedToolCalls } },
      }),
  });
  const m = await measure(context, { bare: withTools(false), ours: withTools(true) }, scenario);
  context.log(
    `  plain, tools offered, recovery on / off (V2): cpu ${fmt.ratio(m.cpu.ratio)}, wall ${fmt.ratio(m.wall.ratio)}`,
  );
  return row(
    "do-stream-leak-scan",
    `2t. doStream, plain text, a tool offered: leaked-call recovery on vs off (${CHUNKS.toLocaleString("en")} chunks)`,
    undefined,
    PLAIN_MODEL,
    m,
    { bare: "synthetic (V2), recovery off", face: "synthetic (V2), recovery on" },
  );
}

export async function doStreamRows(context: BenchContext): Promise<Row[]> {
  const n = CHUNKS.toLocaleString("en");
  const log = (name: string, m: Awaited<ReturnType<typeof measure>>) =>
    context.log(
      `  ${name}: cpu ${fmt.ratio(m.cpu.ratio)}, wall ${fmt.ratio(m.wall.ratio)}` +
        (m.breakdown ? `, fetch alone ${fmt.ratio(m.breakdown.rawFetch.cpu.ratio)}` : ""),
    );
  // The gated rows: the answer in one write, so both clients get the same reads and the ratio is
  // the work each does on them (see docs/internals/performance.md, "Read pattern").
  const plainScenario: Scenario = { chunks: CHUNKS, burst: true };
  const thinkScenario: Scenario = { chunks: CHUNKS, thinkTags: true, burst: true };

  const plain = await measure(context, models(context, PLAIN_MODEL), plainScenario, {
    floor: context.quick ? undefined : "fetch+transport",
  });
  log("plain (V2)", plain);
  const think = await measure(context, models(context, THINK_TAGS_MODEL), thinkScenario);
  log("think-tags (V2)", think);
  const plainV4 = await measure(context, modelsV4(context, PLAIN_MODEL), plainScenario);
  log("plain (V4)", plainV4);
  const thinkV4 = await measure(context, modelsV4(context, THINK_TAGS_MODEL), thinkScenario);
  log("think-tags (V4)", thinkV4);
  const v4 = { bare: "bare openai-compatible 3.x (V4)", face: "synthetic ai-v7 (V4)" };
  const rows = [
    row("do-stream-plain", `2. doStream, plain text (${n} chunks)`, TARGETS.plain, PLAIN_MODEL, plain),
    row(
      "do-stream-think-tags",
      `2. doStream, <think> extraction (${n} chunks)`,
      TARGETS.thinkTags,
      THINK_TAGS_MODEL,
      think,
    ),
    row(
      "do-stream-v4-plain",
      `2v4. V4 face doStream, plain text (${n} chunks)`,
      TARGETS.plain,
      PLAIN_MODEL,
      plainV4,
      v4,
    ),
    row(
      "do-stream-v4-think-tags",
      `2v4. V4 face doStream, <think> extraction (${n} chunks)`,
      TARGETS.thinkTags,
      THINK_TAGS_MODEL,
      thinkV4,
      v4,
    ),
    await recoveryRow(context, plainScenario),
  ];
  if (context.quick) return rows;
  // One write per event, back to back (the emulator's own streaming): a client that keeps up reads
  // an event or two at a time and pays the HTTP client's per-read cost for each, a slower one
  // reads many per read. The runtime's fetch reading the same body alone is measured alongside.
  const events = await measure(context, models(context, PLAIN_MODEL), { chunks: CHUNKS }, { floor: "fetch" });
  log("plain, one write per event (V2)", events);
  const eventsV4 = await measure(context, modelsV4(context, PLAIN_MODEL), { chunks: CHUNKS }, { floor: "fetch" });
  log("plain, one write per event (V4)", eventsV4);
  // Token by token, as a model generates: each event arrives alone and wakes the client, so every
  // per-read and per-part cost is paid per chunk. Wall time is the emulator's pacing; CPU is the point.
  const paced = await measure(
    context,
    models(context, PLAIN_MODEL),
    { chunks: PACED_CHUNKS, delayMs: 1 },
    { full: 20, warmup: 3, floor: "fetch" },
  );
  log("token by token", paced);
  return [
    ...rows,
    row("do-stream-events", `2e. doStream, one write per event (${n} chunks)`, undefined, PLAIN_MODEL, events),
    row(
      "do-stream-v4-events",
      `2e v4. V4 face, one write per event (${n} chunks)`,
      undefined,
      PLAIN_MODEL,
      eventsV4,
      v4,
    ),
    row(
      "do-stream-paced",
      `2c. doStream, token by token (${PACED_CHUNKS} chunks, 1 ms apart)`,
      undefined,
      PLAIN_MODEL,
      paced,
      { chunks: PACED_CHUNKS },
    ),
  ];
}
