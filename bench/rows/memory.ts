/**
 * Row 8: memory over one 10 MB streamed answer (loopback HTTP, the emulator). The consumer
 * keeps nothing; the GC'd heap is sampled at every MiB of answer received, so what the stream
 * itself retains shows as growth between the first sample and the last. The bare
 * openai-compatible model streams the same answer for comparison.
 */
import { gc } from "../lib/gc";
import { PLAIN_MODEL, type Scenario, scenarioPrompt, THINK_TAGS_MODEL } from "../lib/scenario";
import { median } from "../lib/stats";
import type { BenchContext, Row } from "../lib/types";
import { models, modelsV4, type StreamModel, userPrompt } from "./do-stream";

const MIB = 1024 * 1024;
const ANSWER_BYTES = 10 * MIB;
/** Characters per delta: 40,960 deltas for 10 MiB. */
const SIZE = 256;
/** Issue 10: the heap stays flat; growth over the stream under this is noise, not retention. */
export const BUDGET_BYTES = 2 * MIB;

type Growth = { samples: number[]; growth: number; peak: number; bytes: number; ms: number };

/** Streams the answer; returns the GC'd heap at each MiB received, the growth (last - first) and the peak over the first. */
async function streamAndSample(model: StreamModel, scenario: Scenario): Promise<Growth> {
  const started = performance.now();
  const { stream } = await model.doStream({ prompt: userPrompt(scenarioPrompt(scenario)) });
  const reader = stream.getReader();
  const samples: number[] = [];
  let bytes = 0;
  let next = MIB;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const part = value as { type: string; delta?: string; error?: unknown };
    if (part.type === "error") throw part.error;
    if (part.type === "text-delta" || part.type === "reasoning-delta") bytes += part.delta?.length ?? 0;
    if (bytes >= next) {
      next += MIB;
      gc();
      samples.push(process.memoryUsage().heapUsed);
    }
  }
  const ms = performance.now() - started;
  if (bytes < ANSWER_BYTES - 64) throw new Error(`expected a ${ANSWER_BYTES}-character answer, got ${bytes}`);
  const first = samples[0] ?? 0;
  return {
    samples,
    growth: (samples[samples.length - 1] ?? first) - first,
    peak: Math.max(...samples) - first,
    bytes,
    ms,
  };
}

export async function memoryRow(context: BenchContext): Promise<Row> {
  const plain: Scenario = { chunks: ANSWER_BYTES / SIZE, size: SIZE };
  const think: Scenario = { ...plain, thinkTags: true };
  const plainPair = models(context, PLAIN_MODEL);
  const thinkPair = models(context, THINK_TAGS_MODEL);
  const v4 = modelsV4(context, PLAIN_MODEL);
  const variants: [string, StreamModel, Scenario][] = [
    ["bare", plainPair.bare, plain],
    ["synthetic", plainPair.ours, plain],
    ["syntheticThinkTags", thinkPair.ours, think],
    ["syntheticV4", v4.ours, plain],
  ];
  const runs = context.quick ? 1 : 3;
  const results = new Map<string, Growth[]>();
  // One unrecorded run first: the emulator builds and caches each answer on first request.
  for (const [, model, scenario] of variants.slice(1)) await streamAndSample(model, scenario);
  for (let run = 0; run < runs; run++) {
    for (const [name, model, scenario] of variants) {
      const all = results.get(name) ?? [];
      all.push(await streamAndSample(model, scenario));
      results.set(name, all);
    }
  }
  const growth = (name: string) => median((results.get(name) ?? []).map((g) => g.growth));
  const peak = (name: string) => median((results.get(name) ?? []).map((g) => g.peak));
  const ours = variants.slice(1).map(([name]) => name);
  const worst = ours.reduce((a, b) => (growth(b) > growth(a) ? b : a));
  const mib = (bytes: number) => `${(bytes / MIB).toFixed(2)} MiB`;
  context.log(
    `  heap growth over 10 MiB: ${variants.map(([name]) => `${name} ${mib(growth(name))} (peak ${mib(peak(name))})`).join(", ")}`,
  );
  const ratio = growth(worst) / BUDGET_BYTES;
  return {
    id: "memory-10mb",
    title: "8. Heap growth over a 10 MiB streamed answer (ratio: of a 2 MiB budget)",
    base: `bare openai-compatible ${mib(growth("bare"))}`,
    variant: `synthetic: worst ${mib(growth(worst))} (${worst}), peak ${mib(peak(worst))}`,
    ratio,
    wallRatio: null,
    target: "<= 1.00 (< 2 MiB)",
    met: ratio <= 1,
    gate: true,
    details: {
      answerBytes: ANSWER_BYTES,
      deltaChars: SIZE,
      runs,
      budgetBytes: BUDGET_BYTES,
      growthBytes: Object.fromEntries(variants.map(([name]) => [name, growth(name)])),
      peakBytes: Object.fromEntries(variants.map(([name]) => [name, peak(name)])),
      heapSamplesMiB: Object.fromEntries(
        variants.map(([name]) => [name, results.get(name)?.[0]?.samples.map((b) => Number((b / MIB).toFixed(2)))]),
      ),
      wallMs: Object.fromEntries(variants.map(([name]) => [name, median((results.get(name) ?? []).map((g) => g.ms))])),
    },
  };
}
